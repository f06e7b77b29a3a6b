/**
 * Emergency intakes into short-stay facilities (緊急受入れ): request, declines, placement, completion,
 * cancellation.
 */
package jp.coordination.command.intake;
