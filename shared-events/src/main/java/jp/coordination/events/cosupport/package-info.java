/** Events of co-support cases between the core center and consultation offices (共同支援). */
package jp.coordination.events.cosupport;
