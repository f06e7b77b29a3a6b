/**
 * A real KRaft Kafka broker and the MongoDB wire-protocol stand-in, started inside a JVM for tests
 * and the local stack.
 */
package jp.coordination.infra.embedded;
