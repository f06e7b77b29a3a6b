package jp.coordination.command.eventstore;

/**
 * What the scope check needs of a stream, taken from one state of it.
 *
 * @param aggregateType the aggregate type (never changes)
 * @param ward the ward the newest event counts for, or {@code null}
 * @param version the version this answer describes; a command decided on it must be appended at
 *     exactly this version ({@link CommandMetadata#SCOPE_CHECKED})
 */
public record StreamScope(String aggregateType, String ward, long version) {}
