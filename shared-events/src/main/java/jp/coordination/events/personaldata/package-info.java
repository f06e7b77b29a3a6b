/**
 * Crypto-shredding of personal data: the per-household data key cipher and the master key that
 * wraps data keys. Plain JDK cryptography, so every reader of the log decrypts the same way.
 */
package jp.coordination.events.personaldata;
