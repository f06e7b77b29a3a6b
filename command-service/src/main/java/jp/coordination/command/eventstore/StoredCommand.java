package jp.coordination.command.eventstore;

/**
 * A command whose events are already in the store, found by its command id.
 *
 * @param aggregateType the aggregate type it acted on
 * @param aggregateId the aggregate it acted on
 * @param requestHash the hash of the request that produced it
 * @param lastSequence the sequence number of the last event it produced (the first answer's {@code
 *     sequence})
 * @param created whether the command created the aggregate (its first answer was 201)
 */
public record StoredCommand(
    String aggregateType,
    String aggregateId,
    String requestHash,
    long lastSequence,
    boolean created) {}
