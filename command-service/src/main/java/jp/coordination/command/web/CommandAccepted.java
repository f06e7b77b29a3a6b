package jp.coordination.command.web;

/**
 * The answer to an accepted command.
 *
 * @param id the aggregate's id
 * @param sequence the sequence number of the aggregate's newest event after the command (from 0)
 */
public record CommandAccepted(String id, long sequence) {}
