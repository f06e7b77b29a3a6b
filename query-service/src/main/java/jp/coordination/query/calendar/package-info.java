/**
 * Civil time rules of the region: fiscal years and out-of-hours (時間外) in Asia/Tokyo, with
 * configurable public holidays.
 */
package jp.coordination.query.calendar;
