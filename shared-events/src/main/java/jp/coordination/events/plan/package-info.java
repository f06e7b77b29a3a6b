/**
 * Events of the annual plan (事業計画): the year's targets that the yearly review (運用状況の検証) compares
 * with the statistics.
 */
package jp.coordination.events.plan;
