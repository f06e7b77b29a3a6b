/**
 * The query side: consumes the event topic and keeps live read models in MongoDB for ward councils
 * and coordinators.
 */
package jp.coordination.query;
