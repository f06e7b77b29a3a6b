/**
 * Leases in MongoDB that let one instance of the service at a time run a singleton job (the relay,
 * the sweeps).
 */
package jp.coordination.command.lease;
