/**
 * What every command endpoint shares: dispatch with metadata and idempotent retry, business time,
 * request hashing, and the command side's problems.
 */
package jp.coordination.command.web;
