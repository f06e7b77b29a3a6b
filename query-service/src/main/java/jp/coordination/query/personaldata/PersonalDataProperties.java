package jp.coordination.query.personaldata;

import jakarta.validation.constraints.NotBlank;
import jp.coordination.platform.security.ProfileGuards;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of read-time decryption ({@code coordination.personal-data.*}).
 *
 * @param masterKey the same base64 256-bit master key as the command-service's ({@code
 *     PERSONAL_DATA_MASTER_KEY}); the production profile refuses the published development key
 * @param keystoreUri where {@code household_keys} lives ({@code KEYSTORE_MONGODB_URI}; by default
 *     the command-service's database). Read access is all this service needs.
 */
@Validated
@ConfigurationProperties("coordination.personal-data")
public record PersonalDataProperties(@NotBlank String masterKey, @NotBlank String keystoreUri) {
  /** The published development key ("development-only-master-key-0001"). */
  public static final String DEVELOPMENT_MASTER_KEY = ProfileGuards.DEVELOPMENT_MASTER_KEY;
}
