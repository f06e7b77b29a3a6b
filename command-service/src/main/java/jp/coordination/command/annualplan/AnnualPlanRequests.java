package jp.coordination.command.annualplan;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import jp.coordination.command.region.KnownWard;

/**
 * Bodies of the annual plan endpoint (API.md). It may carry {@code id} (client-chosen UUID) and
 * {@code at} (business time), kept as text so that the request hash sees it as sent.
 */
final class AnnualPlanRequests {
  /** More targets than figures times wards is a mistake; this bounds the body. */
  static final int MAX_TARGETS = 1000;

  private AnnualPlanRequests() {}

  record Plan(
      UUID id,
      @Size(max = 64) String at,
      @NotNull @Size(max = MAX_TARGETS) List<@NotNull @Valid Target> targets) {}

  /** {@code ward} absent: the target is for the region's total. */
  record Target(
      @KnownWard String ward,
      @NotBlank @Size(max = 100) String figure,
      @NotNull BigDecimal target) {}
}
