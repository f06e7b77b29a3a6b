/**
 * The city's audit trail: the event listing in store order, hash-chain integrity checks with
 * exportable checkpoints, and the records of every read of personal data (docs/AUDIT.md).
 */
package jp.coordination.command.audit;
