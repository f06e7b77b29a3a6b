package jp.coordination.command.personaldata;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.Period;
import jp.coordination.platform.security.ProfileGuards;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of personal-data protection ({@code coordination.personal-data.*}).
 *
 * @param masterKey base64 256-bit master key ({@code PERSONAL_DATA_MASTER_KEY}); the local run and
 *     tests use a published development key, which the production profile refuses
 * @param retention how long a deregistered household's personal data is kept before it is erased
 *     ({@code PERSONAL_DATA_RETENTION}, ISO-8601 period)
 * @param sweepInterval how often the erasure schedule is scanned
 * @param grace how long an erasure-schedule entry is left alone before the sweeper completes or
 *     drops it, so it does not race the request that wrote it
 */
@Validated
@ConfigurationProperties("coordination.personal-data")
public record PersonalDataProperties(
    @NotBlank String masterKey,
    @NotNull Period retention,
    @NotNull Duration sweepInterval,
    @NotNull Duration grace) {

  /**
   * The published development master key ("development-only-master-key-0001"). Anyone can read it
   * in the repository, so only the local profile accepts it (ProfileGuards).
   */
  public static final String DEVELOPMENT_MASTER_KEY = ProfileGuards.DEVELOPMENT_MASTER_KEY;
}
