/**
 * Keys of personal data, kept apart from the events: per-household data keys wrapped by the master
 * key, their destruction (crypto-shredding), and the schedule of erasures still to do.
 */
package jp.coordination.command.personaldata;
