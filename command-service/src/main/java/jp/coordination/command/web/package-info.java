/** What every command endpoint shares: dispatch with metadata and idempotent retry, business time, request hashing, correlation ids and problem+json errors. */
package jp.coordination.command.web;
