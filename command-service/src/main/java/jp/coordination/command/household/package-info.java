/**
 * The at-risk household register (事前登録世帯): registration, reassessment, moves, deregistration, and
 * the consultation contacts with registered households.
 */
package jp.coordination.command.household;
