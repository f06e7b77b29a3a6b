/**
 * What the background jobs kept in MongoDB (evaluations, projection rebuilds) share: their
 * heartbeat.
 */
package jp.coordination.query.jobs;
