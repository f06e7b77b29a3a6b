package jp.coordination.platform.security;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Further claims of an identity provider's token that a service binds a user by (the facilities a
 * FACILITY account answers for), read here so that services never handle tokens themselves.
 */
public final class TokenClaims {
  private TokenClaims() {}

  /**
   * The values of a claim of the caller's token as lower-case strings: one string or a list of
   * strings; an absent or malformed claim (a number, an object) gives none, so a binding fails
   * closed.
   *
   * @return empty when the caller did not authenticate with a token (a demo user)
   */
  public static Optional<Set<String>> values(Authentication caller, String claim) {
    if (!(caller instanceof JwtAuthenticationToken token)) {
      return Optional.empty();
    }
    Object value = token.getToken().getClaims().get(claim);
    if (value instanceof String one) {
      return Optional.of(one.isBlank() ? Set.of() : Set.of(normalised(one)));
    }
    if (value instanceof Collection<?> many) {
      return Optional.of(
          many.stream()
              .filter(String.class::isInstance)
              .map(v -> normalised((String) v))
              .filter(v -> !v.isEmpty())
              .collect(Collectors.toUnmodifiableSet()));
    }
    return Optional.of(Set.of());
  }

  private static String normalised(String value) {
    return value.trim().toLowerCase(Locale.ROOT);
  }
}
