package jp.coordination.platform.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.time.Clock;
import java.time.Duration;
import jp.coordination.platform.security.IdentityProperties;
import jp.coordination.platform.security.ServiceSecurity;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.info.BuildProperties;
import org.springframework.mock.env.MockEnvironment;

/**
 * The description tells a client how to sign in to the instance that serves it: the services' HTTP
 * tests run the local profile, so the production answer is checked here.
 */
class ApiDescriptionSignInTest {

  @Test
  void without_the_local_profile_the_description_asks_for_the_identity_providers_bearer_jwt() {
    MockEnvironment production =
        new MockEnvironment()
            .withProperty(
                "spring.security.oauth2.resourceserver.jwt.issuer-uri", "https://idp.example.jp")
            .withProperty("spring.security.oauth2.resourceserver.jwt.audiences", "coordination");
    production.setActiveProfiles("production");

    SecurityScheme signIn = signInOf(production);

    assertThat(signIn.getType()).isEqualTo(SecurityScheme.Type.HTTP);
    assertThat(signIn.getScheme()).isEqualTo("bearer");
    assertThat(signIn.getBearerFormat()).isEqualTo("JWT");
  }

  @Test
  void under_the_local_profile_the_description_asks_for_the_demo_users_basic_sign_in() {
    MockEnvironment local =
        new MockEnvironment().withProperty("coordination.security.demo-users", "true");
    local.setActiveProfiles("local");

    SecurityScheme signIn = signInOf(local);

    assertThat(signIn.getType()).isEqualTo(SecurityScheme.Type.HTTP);
    assertThat(signIn.getScheme()).isEqualTo("basic");
  }

  private static SecurityScheme signInOf(MockEnvironment environment) {
    ServiceSecurity security =
        new ServiceSecurity(
            null,
            new IdentityProperties(
                environment.getProperty("coordination.security.demo-users", Boolean.class, false),
                "role",
                "wards",
                65536,
                5,
                Duration.ofMinutes(1)),
            environment,
            Clock.systemUTC());
    OpenAPI description =
        new ApiDocsConfiguration()
            .apiDescription(
                environment,
                security,
                new StaticListableBeanFactory().getBeanProvider(BuildProperties.class));
    assertThat(description.getSecurity())
        .singleElement()
        .satisfies(r -> assertThat(r).containsOnlyKeys(ApiDocsConfiguration.SIGN_IN));
    return description.getComponents().getSecuritySchemes().get(ApiDocsConfiguration.SIGN_IN);
  }
}
