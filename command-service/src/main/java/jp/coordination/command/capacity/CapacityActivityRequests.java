package jp.coordination.command.capacity;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.coordination.command.web.SafeText;
import jp.coordination.events.capacity.CapacityActivityKind;
import jp.coordination.events.capacity.Organiser;
import jp.coordination.events.capacity.ParticipantKind;

/**
 * Bodies of the capacity-building activity endpoints (API.md). Each may carry {@code id}
 * (client-chosen UUID) and {@code at} (business time), kept as text so that the request hash sees
 * it as sent.
 */
final class CapacityActivityRequests {
  /** The most participants of one kind at one activity; more is a typing error. */
  static final int MAX_PARTICIPANTS = 100_000;

  private CapacityActivityRequests() {}

  /** Recording an activity, and correcting it: the same fields. */
  record Activity(
      UUID id,
      @Size(max = 64) String at,
      @NotNull CapacityActivityKind kind,
      @NotNull @Size(max = 100) List<@NotNull String> wards,
      @NotNull Organiser organiser,
      @NotNull OffsetDateTime heldAt,
      @NotNull
          Map<@NotNull ParticipantKind, @NotNull @Min(0) @Max(MAX_PARTICIPANTS) Integer>
              participants,
      @NotBlank @SafeText @Size(max = 200) String topic) {}

  record Withdrawal(
      UUID id, @Size(max = 64) String at, @NotBlank @SafeText @Size(max = 500) String reason) {}
}
