package jp.coordination.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * What the identity provider's token must say: a subject, one known role, wards or "*" for the
 * region.
 */
class JwtClaimsTest {
  private static final IdentityProperties IDENTITY =
      new IdentityProperties(false, "role", "wards", 65536, 5, Duration.ofMinutes(1));

  private static Jwt token(Map<String, Object> claims) {
    return new Jwt(
        "t", Instant.now(), Instant.now().plusSeconds(60), Map.of("alg", "RS256"), claims);
  }

  /** A coordinator's claims with one claim replaced (or removed when the value is null). */
  private static Jwt coordinatorWith(String claim, Object value) {
    Map<String, Object> claims =
        new HashMap<>(Map.of("sub", "u-123", "role", "COORDINATOR", "wards", List.of("AOBA")));
    if (value == null) {
      claims.remove(claim);
    } else {
      claims.put(claim, value);
    }
    return token(claims);
  }

  private static List<String> authorities(Jwt jwt) {
    return JwtAuthorities.authenticationOf(jwt, IDENTITY).getAuthorities().stream()
        .map(GrantedAuthority::getAuthority)
        .toList();
  }

  @Test
  void a_token_without_a_ward_claim_is_refused_not_read_as_the_whole_region() {
    assertThatThrownBy(() -> authorities(coordinatorWith("wards", null)))
        .isInstanceOf(AuthenticationException.class);
  }

  @Test
  void an_empty_ward_claim_is_refused() {
    assertThatThrownBy(() -> authorities(coordinatorWith("wards", List.of())))
        .isInstanceOf(AuthenticationException.class);
    assertThatThrownBy(() -> authorities(coordinatorWith("wards", "")))
        .isInstanceOf(AuthenticationException.class);
    assertThatThrownBy(() -> authorities(coordinatorWith("wards", "  ")))
        .isInstanceOf(AuthenticationException.class);
  }

  @Test
  void a_malformed_ward_claim_is_refused() {
    for (Object malformed :
        List.of(
            42,
            Map.of("ward", "AOBA"),
            List.of(42),
            List.of("aoba"),
            List.of(""),
            "AOBA IZUMI",
            List.of("AOBA", 7))) {
      assertThatThrownBy(() -> authorities(coordinatorWith("wards", malformed)))
          .as("ward claim %s", malformed)
          .isInstanceOf(AuthenticationException.class);
    }
  }

  @Test
  void region_wide_scope_is_the_explicit_claim_value_star_and_only_alone() {
    assertThat(authorities(coordinatorWith("wards", "*"))).containsExactly("ROLE_COORDINATOR");
    assertThat(authorities(coordinatorWith("wards", List.of("*"))))
        .containsExactly("ROLE_COORDINATOR");
    assertThatThrownBy(() -> authorities(coordinatorWith("wards", List.of("*", "AOBA"))))
        .isInstanceOf(AuthenticationException.class);
    assertThat(
            Actor.of(JwtAuthorities.authenticationOf(coordinatorWith("wards", "*"), IDENTITY))
                .mayActIn("IZUMI"))
        .isTrue();
  }

  @Test
  void ward_codes_limit_the_user_to_those_wards() {
    assertThat(authorities(coordinatorWith("wards", List.of("AOBA", "IZUMI"))))
        .containsExactly("ROLE_COORDINATOR", "WARD:AOBA", "WARD:IZUMI");
    assertThat(authorities(coordinatorWith("wards", "AOBA")))
        .containsExactly("ROLE_COORDINATOR", "WARD:AOBA");
  }

  @Test
  void a_role_outside_the_known_set_is_refused() {
    for (Object role :
        List.of("ADMIN", "coordinator", "ROLE_COORDINATOR", "", List.of("SUPERUSER"))) {
      assertThatThrownBy(() -> authorities(coordinatorWith("role", role)))
          .as("role claim %s", role)
          .isInstanceOf(AuthenticationException.class);
    }
  }

  @Test
  void a_token_without_a_role_or_with_two_roles_is_refused() {
    assertThatThrownBy(() -> authorities(coordinatorWith("role", null)))
        .isInstanceOf(AuthenticationException.class);
    assertThatThrownBy(
            () -> authorities(coordinatorWith("role", List.of("COORDINATOR", "OPERATOR"))))
        .isInstanceOf(AuthenticationException.class);
    assertThat(authorities(coordinatorWith("role", List.of("OPERATOR")))).contains("ROLE_OPERATOR");
  }

  @Test
  void the_actor_is_the_stable_subject_not_the_changeable_user_name() {
    Jwt jwt = coordinatorWith("preferred_username", "yamada");
    JwtAuthenticationToken authentication = JwtAuthorities.authenticationOf(jwt, IDENTITY);
    assertThat(authentication.getName()).isEqualTo("u-123");
    assertThat(Actor.of(authentication).name()).isEqualTo("u-123");
  }

  @Test
  void a_token_without_a_subject_is_refused() {
    assertThatThrownBy(() -> authorities(coordinatorWith("sub", null)))
        .isInstanceOf(AuthenticationException.class);
  }

  @Test
  void the_display_name_travels_beside_the_subject() {
    Actor named =
        Actor.of(JwtAuthorities.authenticationOf(coordinatorWith("name", "山田 花子"), IDENTITY));
    assertThat(named.name()).isEqualTo("u-123");
    assertThat(named.displayName()).isEqualTo("山田 花子");
    Actor preferred =
        Actor.of(
            JwtAuthorities.authenticationOf(
                coordinatorWith("preferred_username", "yamada"), IDENTITY));
    assertThat(preferred.displayName()).isEqualTo("yamada");
    Actor bare = Actor.of(JwtAuthorities.authenticationOf(coordinatorWith("name", null), IDENTITY));
    assertThat(bare.displayName()).isEqualTo("u-123");
  }

  @Test
  void a_subject_or_display_name_that_cannot_be_stored_faithfully_is_refused() {
    // Half of an emoji: UTF-8 cannot encode it, MongoDB would store "?" and the audit chain would
    // break.
    for (String unstorable :
        List.of("u-\ud83d", "\ude00u", "u-1\n", "u\u0000", "u\u007f", "u\u0085")) {
      assertThatThrownBy(() -> authorities(coordinatorWith("sub", unstorable)))
          .isInstanceOf(AuthenticationException.class);
      assertThatThrownBy(() -> authorities(coordinatorWith("name", unstorable)))
          .isInstanceOf(AuthenticationException.class);
      assertThatThrownBy(() -> authorities(coordinatorWith("preferred_username", unstorable)))
          .isInstanceOf(AuthenticationException.class);
    }
  }

  @Test
  void a_whole_surrogate_pair_and_japanese_names_are_storable() {
    Actor actor =
        Actor.of(
            JwtAuthorities.authenticationOf(
                coordinatorWith("name", "山田 花子 \ud83d\ude00"), IDENTITY));
    assertThat(actor.displayName()).isEqualTo("山田 花子 😀");
    assertThat(authorities(coordinatorWith("sub", "u-\ud842\udfb7"))).contains("ROLE_COORDINATOR");
  }

  @Test
  void a_display_name_claim_that_is_not_used_does_not_lock_the_user_out() {
    Map<String, Object> claims =
        Map.of(
            "sub",
            "u-123",
            "role",
            "COORDINATOR",
            "wards",
            "*",
            "name",
            "山田",
            "preferred_username",
            "y\ud83d");
    assertThat(Actor.of(JwtAuthorities.authenticationOf(token(claims), IDENTITY)).displayName())
        .isEqualTo("山田");
  }
}
