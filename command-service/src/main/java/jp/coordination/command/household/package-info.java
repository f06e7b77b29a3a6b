/** The at-risk household register (事前登録世帯): registration, reassessment, moves and deregistration. */
package jp.coordination.command.household;
