package jp.coordination.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.mock.env.MockEnvironment;

/** Nothing insecure is a default: demo users and the development key need the local profile. */
class ProfileGuardsTest {
  /** A key of the deployment's own (not the development key). */
  private static final String OWN_KEY = Base64.getEncoder().encodeToString(new byte[32]);

  /** The development key spelt without its padding: the same 32 bytes. */
  private static final String DEVELOPMENT_KEY_UNPADDED =
      ProfileGuards.DEVELOPMENT_MASTER_KEY.replace("=", "");

  private static MockEnvironment deployed() {
    return new MockEnvironment()
        .withProperty(ProfileGuards.ISSUER, "https://idp.example/realms/city")
        .withProperty(ProfileGuards.AUDIENCES, "coordination")
        .withProperty(ProfileGuards.MASTER_KEY, OWN_KEY);
  }

  private static MockEnvironment local() {
    MockEnvironment local =
        new MockEnvironment()
            .withProperty(ProfileGuards.MASTER_KEY, ProfileGuards.DEVELOPMENT_MASTER_KEY);
    local.setActiveProfiles(ProfileGuards.LOCAL);
    return local;
  }

  /** An application with nothing in it: only the start-up guards run. */
  static class Bare {}

  @Test
  void
      a_service_started_bare_refuses_to_start_naming_the_master_key_the_identity_provider_and_the_local_profile() {
    SpringApplicationBuilder bare =
        new SpringApplicationBuilder(Bare.class).web(WebApplicationType.NONE);
    assertThatThrownBy(bare::run)
        .hasStackTraceContaining("PERSONAL_DATA_MASTER_KEY")
        .hasStackTraceContaining("OAUTH2_ISSUER_URI")
        .hasStackTraceContaining("OAUTH2_AUDIENCE")
        .hasStackTraceContaining("SPRING_PROFILES_ACTIVE=local");
  }

  @Test
  void demo_users_need_the_local_profile_not_merely_the_absence_of_production() {
    MockEnvironment noProfile = deployed().withProperty(ProfileGuards.DEMO_USERS, "true");
    assertThatThrownBy(() -> ProfileGuards.check(noProfile)).hasMessageContaining("demo users");
    MockEnvironment production = deployed().withProperty(ProfileGuards.DEMO_USERS, "true");
    production.setActiveProfiles(ProfileGuards.PRODUCTION);
    assertThatThrownBy(() -> ProfileGuards.check(production)).hasMessageContaining("demo users");
    assertThatCode(
            () -> ProfileGuards.check(local().withProperty(ProfileGuards.DEMO_USERS, "true")))
        .doesNotThrowAnyException();
  }

  @Test
  void the_development_key_needs_the_local_profile_however_it_is_spelt() {
    for (String developmentKey :
        new String[] {
          ProfileGuards.DEVELOPMENT_MASTER_KEY,
          DEVELOPMENT_KEY_UNPADDED,
          " " + ProfileGuards.DEVELOPMENT_MASTER_KEY + "\n"
        }) {
      MockEnvironment noProfile = deployed().withProperty(ProfileGuards.MASTER_KEY, developmentKey);
      assertThatThrownBy(() -> ProfileGuards.check(noProfile))
          .hasMessageContaining("development key");
      assertThatThrownBy(() -> ProfileGuards.requireMasterKey(noProfile, developmentKey))
          .hasMessageContaining("development key");
      assertThatCode(() -> ProfileGuards.requireMasterKey(local(), developmentKey))
          .doesNotThrowAnyException();
    }
    assertThat(ProfileGuards.isDevelopmentKey(DEVELOPMENT_KEY_UNPADDED)).isTrue();
    assertThat(ProfileGuards.isDevelopmentKey(OWN_KEY)).isFalse();
    assertThat(ProfileGuards.isDevelopmentKey("not base64 !")).isFalse();
  }

  @Test
  void without_the_local_profile_an_identity_provider_and_an_audience_are_required() {
    MockEnvironment noIssuer = deployed().withProperty(ProfileGuards.ISSUER, "");
    assertThatThrownBy(() -> ProfileGuards.check(noIssuer))
        .hasMessageContaining("OAUTH2_ISSUER_URI");
    MockEnvironment production = deployed().withProperty(ProfileGuards.AUDIENCES, "");
    production.setActiveProfiles(ProfileGuards.PRODUCTION);
    assertThatThrownBy(() -> ProfileGuards.check(production))
        .hasMessageContaining("OAUTH2_AUDIENCE");
    assertThatCode(() -> ProfileGuards.check(deployed())).doesNotThrowAnyException();
  }

  @Test
  void a_master_key_is_required_in_every_profile() {
    MockEnvironment local = local().withProperty(ProfileGuards.MASTER_KEY, "");
    assertThatThrownBy(() -> ProfileGuards.check(local))
        .hasMessageContaining("PERSONAL_DATA_MASTER_KEY");
  }

  @Test
  void the_local_and_production_profiles_exclude_each_other() {
    MockEnvironment both = local();
    both.setActiveProfiles(ProfileGuards.LOCAL, ProfileGuards.PRODUCTION);
    assertThatThrownBy(() -> ProfileGuards.check(both)).hasMessageContaining("exclude each other");
  }
}
