/**
 * What the readiness probe asks beyond the application's own state: whether the store can be
 * written and the broker answers, each cheaply enough to be asked every few seconds.
 */
package jp.coordination.platform.readiness;
