package jp.coordination.command.experiencestay;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.UUID;
import jp.coordination.command.region.KnownWard;
import jp.coordination.command.web.SafeText;
import jp.coordination.events.experiencestay.ExperienceStayKind;
import jp.coordination.events.experiencestay.ExperienceStayOutcome;

/**
 * Bodies of the experience stay endpoints (API.md). Each may carry {@code id} (client-chosen UUID)
 * and {@code at} (business time), kept as text so that the request hash sees it as sent.
 */
final class ExperienceStayRequests {
  private ExperienceStayRequests() {}

  record Arrange(
      UUID id,
      @Size(max = 64) String at,
      @NotNull @KnownWard String ward,
      @NotNull ExperienceStayKind kind,
      UUID householdId,
      UUID facilityId,
      @NotNull LocalDate firstDay,
      @NotNull LocalDate lastDay) {}

  /** Starting takes no fields; a body is optional. */
  record Start(UUID id, @Size(max = 64) String at) {}

  record Completion(
      UUID id,
      @Size(max = 64) String at,
      @NotNull @Min(0) @Max(ExperienceStay.MAX_NIGHTS) Integer nightsStayed,
      @NotNull ExperienceStayOutcome outcome) {}

  record Cancellation(
      UUID id, @Size(max = 64) String at, @NotBlank @SafeText @Size(max = 500) String reason) {}
}
