package jp.coordination.command.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * The answer of an integrity check ({@code GET /api/audit/integrity} and the command-line
 * verifier).
 *
 * @param intact whether nothing was found wrong
 * @param events how many stored events were checked
 * @param streams how many streams were checked
 * @param checkedAt when the check ran
 * @param checkpoint the checkpoint the store was compared with (without its heads), if any
 * @param problems how many streams or checkpoints were found broken
 * @param firstBroken the first broken event found, absent when intact
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IntegrityReport(
    boolean intact,
    long events,
    long streams,
    Instant checkedAt,
    Checkpoint checkpoint,
    long problems,
    BrokenEvent firstBroken) {}
