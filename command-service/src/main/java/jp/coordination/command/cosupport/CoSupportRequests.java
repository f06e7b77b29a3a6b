package jp.coordination.command.cosupport;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import jp.coordination.command.region.KnownWard;
import jp.coordination.command.web.SafeText;
import jp.coordination.events.cosupport.ActivityType;
import jp.coordination.events.cosupport.CoSupportOutcome;
import jp.coordination.events.cosupport.Difficulty;

/**
 * Bodies of the co-support endpoints (API.md). Each may carry {@code id} (client-chosen UUID) and
 * {@code at} (business time), kept as text so that the request hash sees it as sent.
 */
final class CoSupportRequests {
  private CoSupportRequests() {}

  record Open(
      UUID id,
      @Size(max = 64) String at,
      @NotNull @KnownWard String ward,
      @NotBlank @SafeText @Size(max = 64) String officeId,
      UUID householdId,
      @NotEmpty List<@NotNull Difficulty> difficulties) {}

  record Activity(UUID id, @Size(max = 64) String at, @NotNull ActivityType type) {}

  record Closure(UUID id, @Size(max = 64) String at, @NotNull CoSupportOutcome outcome) {}
}
