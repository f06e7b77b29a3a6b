package jp.coordination.command.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import jp.coordination.command.personaldata.PersonalDataConfiguration;
import jp.coordination.command.personaldata.PersonalDataProperties;
import jp.coordination.platform.security.Actor;
import jp.coordination.platform.security.IdentityProperties;
import jp.coordination.platform.security.JwtAuthorities;
import jp.coordination.platform.security.ProfileGuards;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/** The production profile's start-up refusals and the mapping of the identity provider's claims. */
class ProductionProfileTest {

  private static IdentityProperties identity(boolean demoUsers) {
    return new IdentityProperties(
        demoUsers, "role", "wards", 65536, 5, java.time.Duration.ofMinutes(1));
  }

  @Test
  void demo_users_with_the_production_profile_refuse_to_start() {
    MockEnvironment production =
        new MockEnvironment().withProperty("coordination.security.demo-users", "true");
    production.setActiveProfiles("production");
    assertThatThrownBy(() -> ProfileGuards.checkIdentity(production))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("demo users");
  }

  @Test
  void the_whole_security_configuration_fails_with_demo_users_in_production() {
    new org.springframework.boot.test.context.runner.WebApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration
                    .class,
                org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration.class))
        .withUserConfiguration(SecurityConfiguration.class)
        .withPropertyValues(
            "spring.profiles.active=production", "coordination.security.demo-users=true")
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(context.getStartupFailure())
                  .rootCause()
                  .hasMessageContaining("demo users");
            });
  }

  @Test
  void the_production_profile_refuses_the_published_development_master_key() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class))
        .withBean(
            com.mongodb.client.MongoClient.class,
            () -> com.mongodb.client.MongoClients.create("mongodb://127.0.0.1:1"))
        .withBean(org.springframework.boot.autoconfigure.mongo.MongoProperties.class)
        .withUserConfiguration(PersonalDataConfiguration.class)
        .withPropertyValues(
            "spring.profiles.active=production",
            "coordination.personal-data.master-key="
                + PersonalDataProperties.DEVELOPMENT_MASTER_KEY,
            "coordination.personal-data.retention=P5Y",
            "coordination.personal-data.sweep-interval=1m",
            "coordination.personal-data.grace=1m")
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(context.getStartupFailure())
                  .rootCause()
                  .hasMessageContaining("master key");
            });
  }

  @Test
  void the_development_master_key_needs_the_local_profile_however_it_is_spelt() {
    String unpadded = PersonalDataProperties.DEVELOPMENT_MASTER_KEY.replace("=", "");
    for (String[] profileAndKey :
        new String[][] {
          {"default", PersonalDataProperties.DEVELOPMENT_MASTER_KEY},
          {"production", unpadded},
          {"default", unpadded}
        }) {
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class))
          .withBean(
              com.mongodb.client.MongoClient.class,
              () -> com.mongodb.client.MongoClients.create("mongodb://127.0.0.1:1"))
          .withBean(org.springframework.boot.autoconfigure.mongo.MongoProperties.class)
          .withUserConfiguration(PersonalDataConfiguration.class)
          .withPropertyValues(
              "spring.profiles.active=" + profileAndKey[0],
              "coordination.personal-data.master-key=" + profileAndKey[1],
              "coordination.personal-data.retention=P5Y",
              "coordination.personal-data.sweep-interval=1m",
              "coordination.personal-data.grace=1m")
          .run(
              context ->
                  assertThat(context)
                      .as("%s with %s", profileAndKey[0], profileAndKey[1])
                      .hasFailed());
    }
  }

  @Test
  void the_command_service_started_without_a_profile_refuses_to_start_and_says_why() {
    var bare =
        new org.springframework.boot.builder.SpringApplicationBuilder(
                jp.coordination.command.CommandServiceApplication.class)
            .web(org.springframework.boot.WebApplicationType.NONE);
    assertThatThrownBy(bare::run)
        .hasStackTraceContaining("PERSONAL_DATA_MASTER_KEY")
        .hasStackTraceContaining("OAUTH2_ISSUER_URI")
        .hasStackTraceContaining("SPRING_PROFILES_ACTIVE=local");
  }

  @Test
  void a_jwt_gives_the_role_and_wards_of_the_configured_claims() {
    Jwt jwt =
        new Jwt(
            "token",
            Instant.now(),
            Instant.now().plusSeconds(60),
            Map.of("alg", "RS256"),
            Map.of(
                "sub",
                "u-123",
                "preferred_username",
                "yamada",
                "role",
                "COORDINATOR",
                "wards",
                List.of("AOBA")));
    var authentication = JwtAuthorities.authenticationOf(jwt, identity(false));
    assertThat(authentication.getName()).as("the stable subject").isEqualTo("u-123");
    assertThat(Actor.of(authentication).displayName()).isEqualTo("yamada");
    assertThat(authentication.getAuthorities())
        .extracting(GrantedAuthority::getAuthority)
        .containsExactly("ROLE_COORDINATOR", "WARD:AOBA");
    Actor actor = Actor.of(authentication);
    assertThat(actor.mayActIn("AOBA")).isTrue();
    assertThat(actor.mayActIn("IZUMI")).isFalse();
  }
}
