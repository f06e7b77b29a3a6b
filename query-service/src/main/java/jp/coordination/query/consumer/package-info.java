/**
 * Reading the event topic, deduplicating deliveries, storing positions, and the guarded-update
 * pattern every projection uses.
 */
package jp.coordination.query.consumer;
