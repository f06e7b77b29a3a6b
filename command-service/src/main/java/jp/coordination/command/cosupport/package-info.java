/**
 * Co-support cases of the core center with consultation offices (共同支援): open, activities, close.
 */
package jp.coordination.command.cosupport;
