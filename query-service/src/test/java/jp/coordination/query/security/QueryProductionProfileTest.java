package jp.coordination.query.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import jp.coordination.platform.security.IdentityProperties;
import jp.coordination.platform.security.JwtAuthorities;
import jp.coordination.platform.security.ProfileGuards;
import jp.coordination.platform.security.WardAccess;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

class QueryProductionProfileTest {
  private static IdentityProperties identity(boolean demoUsers) {
    return new IdentityProperties(demoUsers, "role", "wards", 65536, 5, Duration.ofMinutes(1));
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
  void a_ward_council_token_is_scoped_to_its_ward() {
    Jwt jwt =
        new Jwt(
            "t",
            Instant.now(),
            Instant.now().plusSeconds(60),
            Map.of("alg", "RS256"),
            Map.of("sub", "s", "role", "WARD_COUNCIL", "wards", List.of("AOBA")));
    var authentication = JwtAuthorities.authenticationOf(jwt, identity(false));
    assertThat(authentication.getAuthorities())
        .extracting(GrantedAuthority::getAuthority)
        .containsExactly("ROLE_WARD_COUNCIL", "WARD:AOBA");
    assertThat(WardAccess.mayAccess(authentication, "AOBA")).isTrue();
    assertThat(WardAccess.mayAccess(authentication, "IZUMI")).isFalse();
  }
}
