package jp.coordination.command.audit;

import java.time.Instant;

/**
 * One read of personal data (閲覧記録): who read which record, when, through which endpoint and for
 * what stated purpose. The same shape is meant for every service that shows personal data (the
 * query-service's household view writes its own {@code access_records} with these fields); see
 * docs/AUDIT.md, "Read records".
 *
 * @param id time-ordered id: 13-digit epoch milliseconds, '-', a random UUID
 * @param at when the data was read
 * @param who the user's stable id (a token's {@code sub})
 * @param whoName the user's display name at the time of the read; {@code null} in records written
 *     before it was kept
 * @param role the role the user acted in
 * @param recordType the kind of record read, e.g. {@code Household}
 * @param recordId the record's id (the aggregate id)
 * @param purpose the purpose the user stated
 * @param endpoint method and path template, e.g. {@code GET /api/audit/events}
 * @param correlationId the request's correlation id
 */
public record AccessRecord(
    String id,
    Instant at,
    String who,
    String whoName,
    String role,
    String recordType,
    String recordId,
    String purpose,
    String endpoint,
    String correlationId) {}
