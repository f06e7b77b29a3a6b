/** The event contract shared by the command side, the query side and the replay. */
package jp.coordination.events;
