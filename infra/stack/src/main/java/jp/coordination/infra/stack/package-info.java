/**
 * Runs the whole local stack without Docker: Kafka broker, MongoDB stand-in and both services as
 * child JVMs.
 */
package jp.coordination.infra.stack;
