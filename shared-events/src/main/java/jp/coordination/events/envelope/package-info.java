/**
 * The one JSON envelope every event travels in, its codec and the registry of type names and
 * revisions.
 */
package jp.coordination.events.envelope;
