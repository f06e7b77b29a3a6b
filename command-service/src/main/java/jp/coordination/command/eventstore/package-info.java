/**
 * How events are stored in MongoDB, one document per aggregate stream, and plugged into Axon as its
 * event storage engine; every hot-path operation is a single read or write by {@code _id}.
 */
package jp.coordination.command.eventstore;
