/** Events of the at-risk household register (事前登録世帯). */
package jp.coordination.events.household;
