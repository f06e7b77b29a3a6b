package jp.coordination.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.oauth2.jwt.Jwt;

class ScopeAndIdentityTest {
  private static IdentityProperties identity(boolean demoUsers) {
    return new IdentityProperties(demoUsers, "role", "wards", 65536, 5, Duration.ofMinutes(1));
  }

  private static Authentication caller(String... authorities) {
    return new TestingAuthenticationToken("someone", "pw", authorities);
  }

  @Test
  void a_ward_scope_is_one_authority_prefix_for_every_identity_source() {
    UserDetails aobaCouncil =
        DemoUsers.all().stream()
            .filter(u -> u.getUsername().equals("aoba-council"))
            .findFirst()
            .orElseThrow();
    assertThat(aobaCouncil.getAuthorities())
        .extracting(GrantedAuthority::getAuthority)
        .containsExactlyInAnyOrder("ROLE_WARD_COUNCIL", "WARD:AOBA");
    Jwt jwt =
        new Jwt(
            "t",
            Instant.now(),
            Instant.now().plusSeconds(60),
            Map.of("alg", "RS256"),
            Map.of("sub", "s", "role", "WARD_COUNCIL", "wards", List.of("AOBA")));
    assertThat(JwtAuthorities.authenticationOf(jwt, identity(false)).getAuthorities())
        .extracting(GrantedAuthority::getAuthority)
        .containsExactly("ROLE_WARD_COUNCIL", "WARD:AOBA");
  }

  @Test
  void a_role_name_is_never_read_as_a_ward() {
    Actor actor = Actor.of(caller("ROLE_WARD_COUNCIL", "WARD_COUNCIL"));
    assertThat(actor.role()).isEqualTo("WARD_COUNCIL");
    assertThat(actor.wards()).isEmpty();
  }

  @Test
  void the_demo_users_are_those_of_the_readme_each_with_a_role_of_the_one_list() {
    assertThat(DemoUsers.all())
        .extracting(UserDetails::getUsername)
        .containsExactly(
            "coordinator",
            "aoba-coordinator",
            "facility",
            "aoba-council",
            "city-council",
            "auditor",
            "analyst",
            "operator");
    for (UserDetails user : DemoUsers.all()) {
      assertThat(user.getPassword()).isEqualTo("{noop}" + user.getUsername());
      String role =
          Actor.of(new TestingAuthenticationToken(user, null, user.getAuthorities())).role();
      assertThat(Role.valueOf(role)).isNotNull();
    }
  }

  @Test
  void a_ward_council_without_a_scope_sees_no_ward_and_other_unscoped_readers_see_all() {
    assertThat(WardAccess.mayAccess(caller("ROLE_WARD_COUNCIL"), "AOBA")).isFalse();
    assertThat(WardAccess.mayAccess(caller("ROLE_REGIONAL_COUNCIL"), "AOBA")).isTrue();
    assertThat(
            WardAccess.visible(caller("ROLE_COORDINATOR", "WARD:AOBA"), List.of("AOBA", "IZUMI")))
        .containsExactly("AOBA");
    assertThat(WardAccess.mayAccess(null, "AOBA")).isFalse();
  }

  @Test
  void an_unknown_ward_is_visible_only_to_unscoped_readers() {
    assertThat(WardAccess.mayAccess(caller("ROLE_COORDINATOR", "WARD:AOBA"), null)).isFalse();
    assertThat(WardAccess.mayAccess(caller("ROLE_COORDINATOR"), null)).isTrue();
    assertThat(Actor.of(caller("ROLE_COORDINATOR", "WARD:AOBA")).mayActIn(null)).isFalse();
  }

  @Test
  void a_commanding_actor_without_a_scope_acts_in_every_ward() {
    Actor region = Actor.of(caller("ROLE_COORDINATOR"));
    assertThat(region.mayActIn("IZUMI")).isTrue();
    Actor aoba = Actor.of(caller("ROLE_COORDINATOR", "WARD:AOBA"));
    assertThat(aoba.wardScoped()).isTrue();
    assertThat(aoba.mayActIn("IZUMI")).isFalse();
    assertThat(aoba.is(Role.COORDINATOR)).isTrue();
  }

  @Test
  void the_production_profile_refuses_demo_users() {
    MockEnvironment production =
        new MockEnvironment().withProperty("coordination.security.demo-users", "true");
    production.setActiveProfiles(ProfileGuards.PRODUCTION);
    assertThatThrownBy(() -> ProfileGuards.checkIdentity(production))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("demo users");
  }
}
