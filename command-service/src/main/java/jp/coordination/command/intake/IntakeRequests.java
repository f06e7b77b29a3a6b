package jp.coordination.command.intake;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import jp.coordination.command.region.KnownWard;
import jp.coordination.command.web.SafeText;
import jp.coordination.events.care.SupportNeed;
import jp.coordination.events.intake.DeclineReason;
import jp.coordination.events.intake.IntakeOutcome;
import jp.coordination.events.intake.IntakeTrigger;

/**
 * Bodies of the intake endpoints (API.md). Each may carry {@code id} (client-chosen UUID) and
 * {@code at} (business time), kept as text so that the request hash sees it as sent.
 */
final class IntakeRequests {
  private IntakeRequests() {}

  record Request(
      UUID id,
      @Size(max = 64) String at,
      @NotNull @KnownWard String ward,
      UUID householdId,
      @NotNull IntakeTrigger trigger,
      @NotNull List<@NotNull SupportNeed> supportNeeds) {}

  record Decline(
      UUID id,
      @Size(max = 64) String at,
      @NotNull UUID facilityId,
      @NotNull DeclineReason reason) {}

  /**
   * A placement. {@code expectedLastDay} is left out of the request's hash when absent, so a retry
   * of a placement sent before the field existed still matches its first answer.
   */
  record Placement(
      UUID id,
      @Size(max = 64) String at,
      @NotNull UUID facilityId,
      @JsonInclude(JsonInclude.Include.NON_NULL) LocalDate expectedLastDay) {}

  record Completion(UUID id, @Size(max = 64) String at, @NotNull IntakeOutcome outcome) {}

  record Cancellation(
      UUID id, @Size(max = 64) String at, @NotBlank @SafeText @Size(max = 500) String reason) {}
}
