package jp.coordination.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * A token's further claims, as a service binds a user by them: one id or a list, anything else
 * none.
 */
class TokenClaimsTest {

  private static JwtAuthenticationToken token(Object facilities) {
    Map<String, Object> claims =
        facilities == null ? Map.of("sub", "u-1") : Map.of("sub", "u-1", "facilities", facilities);
    Jwt jwt =
        new Jwt("t", Instant.EPOCH, Instant.EPOCH.plusSeconds(60), Map.of("alg", "none"), claims);
    return new JwtAuthenticationToken(jwt, List.of());
  }

  @Test
  void a_list_claim_gives_its_strings_in_lower_case() {
    assertThat(TokenClaims.values(token(List.of("AB-1", " cd-2 ", 3)), "facilities"))
        .contains(Set.of("ab-1", "cd-2"));
  }

  @Test
  void a_single_string_claim_gives_one_value() {
    assertThat(TokenClaims.values(token("ab-1"), "facilities")).contains(Set.of("ab-1"));
  }

  @Test
  void an_absent_or_malformed_claim_gives_none() {
    assertThat(TokenClaims.values(token(null), "facilities")).contains(Set.of());
    assertThat(TokenClaims.values(token(42), "facilities")).contains(Set.of());
    assertThat(TokenClaims.values(token(Map.of("id", "ab-1")), "facilities")).contains(Set.of());
  }

  @Test
  void a_caller_without_a_token_has_no_claims_to_read() {
    assertThat(
            TokenClaims.values(
                new TestingAuthenticationToken("facility", "facility"), "facilities"))
        .isEqualTo(Optional.empty());
  }
}
