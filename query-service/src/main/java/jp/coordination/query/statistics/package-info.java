/**
 * The regional council statistics: per-aggregate facts evolved by pure functions, and every figure
 * computed from those facts by one calculator that the live projection and the replay both use.
 */
package jp.coordination.query.statistics;
