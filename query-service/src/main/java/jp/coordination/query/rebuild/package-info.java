/**
 * Projection rebuild: every read model folded again from the topic into a new generation of
 * collections while the current one keeps serving, then a switch-over that loses no live update,
 * started by an operator over HTTP or from the command line.
 */
package jp.coordination.query.rebuild;
