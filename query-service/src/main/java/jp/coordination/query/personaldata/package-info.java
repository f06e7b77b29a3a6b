/**
 * Read-only access to the per-household data keys (the command side's {@code household_keys}), to
 * decrypt personal data at read time for coordinators; after erasure nothing here can decrypt.
 */
package jp.coordination.query.personaldata;
