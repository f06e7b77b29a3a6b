/**
 * Operators' view of the records the consumer parked, and their retry and skip, without personal
 * data.
 */
package jp.coordination.query.parking;
