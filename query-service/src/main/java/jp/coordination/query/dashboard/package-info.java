/**
 * The live ward dashboard for ward councils: counts of current states and this fiscal year's flows,
 * never names.
 */
package jp.coordination.query.dashboard;
