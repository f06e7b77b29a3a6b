package jp.coordination.command.facility;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import jp.coordination.command.region.KnownWard;
import jp.coordination.command.web.SafeText;
import jp.coordination.events.facility.Capability;
import jp.coordination.events.facility.FacilityKind;

/**
 * Bodies of the facility endpoints (API.md). Each may carry {@code id} (client-chosen UUID) and
 * {@code at} (business time), kept as text so that the request hash sees it as sent.
 */
final class FacilityRequests {
  private FacilityRequests() {}

  /** Upper bound that only catches typos; no short-stay facility keeps this many emergency beds. */
  static final int MAX_BEDS = 1000;

  record Register(
      UUID id,
      @Size(max = 64) String at,
      @NotBlank @SafeText @Size(max = 200) String name,
      @NotNull @KnownWard String ward,
      @NotNull FacilityKind kind,
      @NotNull List<@NotNull Capability> capabilities,
      @NotNull @PositiveOrZero @Max(MAX_BEDS) Integer emergencyBeds) {}

  record Availability(
      UUID id,
      @Size(max = 64) String at,
      @NotNull @PositiveOrZero @Max(MAX_BEDS) Integer availableBeds) {}
}
