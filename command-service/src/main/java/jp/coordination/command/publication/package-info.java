/**
 * How stored events reach Kafka: pending-publication markers written before each append and one
 * relay thread that publishes the marked streams, at least once and in sequence order.
 */
package jp.coordination.command.publication;
