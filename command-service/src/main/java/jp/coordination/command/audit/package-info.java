/**
 * The city's audit trail: the event listing in store order, hash-chain integrity checks with
 * exportable checkpoints, the records of every read of personal data, and the directory that names
 * each event's actor (docs/AUDIT.md).
 */
package jp.coordination.command.audit;
