package jp.coordination.command.household;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import jp.coordination.command.region.KnownWard;
import jp.coordination.command.web.SafeText;
import jp.coordination.events.care.SupportNeed;
import jp.coordination.events.household.ContactChannel;
import jp.coordination.events.household.ContactKind;
import jp.coordination.events.household.DeregistrationReason;
import jp.coordination.events.household.DisabilityType;
import jp.coordination.events.household.RiskFactor;

/**
 * Bodies of the household endpoints (API.md). Each may carry {@code id} (client-chosen UUID, so a
 * retry is recognised) and {@code at} (business time, ISO-8601 with offset), kept as text so that
 * the request hash sees it as sent.
 */
final class HouseholdRequests {
  private HouseholdRequests() {}

  record Register(
      UUID id,
      @Size(max = 64) String at,
      @NotNull @KnownWard String ward,
      @SafeText @Size(max = 64) String area,
      @NotEmpty List<@NotNull RiskFactor> riskFactors,
      @NotNull List<@NotNull DisabilityType> disabilityTypes,
      @NotNull Boolean child,
      @NotNull List<@NotNull SupportNeed> supportNeeds,
      @NotNull OffsetDateTime consentAt,
      @NotNull @Valid Person person) {

    /** The body without its personal data, for the request hash. */
    Register withoutPerson() {
      return new Register(
          id, at, ward, area, riskFactors, disabilityTypes, child, supportNeeds, consentAt, null);
    }

    @Override
    public String toString() {
      // Never print personal data (a debugger, a log of the bound body).
      return "Register[id=" + id + ", ward=" + ward + "]";
    }
  }

  record Person(
      @NotBlank @SafeText @Size(max = 200) String name,
      @NotBlank @SafeText @Size(max = 500) String address,
      @SafeText @Size(max = 40) String phone,
      @NotNull @Min(1900) @Max(9999) Integer birthYear) {
    @Override
    public String toString() {
      return "Person[redacted]";
    }
  }

  record Reassess(
      UUID id,
      @Size(max = 64) String at,
      @NotEmpty List<@NotNull RiskFactor> riskFactors,
      @NotNull List<@NotNull SupportNeed> supportNeeds) {}

  record Move(UUID id, @Size(max = 64) String at, @NotNull @KnownWard String toWard) {}

  record Erase(UUID id, @Size(max = 64) String at) {}

  record Deregister(UUID id, @Size(max = 64) String at, @NotNull DeregistrationReason reason) {}

  record Contact(
      UUID id,
      @Size(max = 64) String at,
      @NotNull ContactKind kind,
      @NotNull ContactChannel channel,
      @NotBlank @SafeText @Size(max = 64) String officeId) {}
}
