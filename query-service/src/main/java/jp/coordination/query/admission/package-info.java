/**
 * How many reads the query API serves at once, and which of them count: the read admission limit.
 */
package jp.coordination.query.admission;
