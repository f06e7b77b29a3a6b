/**
 * The annual evaluation: a fiscal year's statistics rebuilt from the event log alone (the Kafka
 * topic or the event store), in memory, as a background job, over HTTP or from the command line.
 */
package jp.coordination.query.evaluation;
