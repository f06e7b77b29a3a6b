package jp.coordination.query.dashboard;

import java.time.Instant;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who opens a live stream, as far as the stream's limits care: the user its streams are counted
 * against, and when its credentials expire.
 *
 * @param user the user the open streams are counted against: a JWT's {@code sub} (stable), else the
 *     user name
 * @param expiresAt when the stream must end: a token's {@code exp}; {@code null} for credentials
 *     without expiry (the local run's HTTP Basic demo users)
 */
public record StreamViewer(String user, Instant expiresAt) {

  /**
   * The viewer of an authenticated request. Read from the principal (a {@link Jwt} for a bearer
   * token), so that this service needs none of the resource server's classes: those are the
   * platform's.
   */
  public static StreamViewer of(Authentication authentication) {
    Object principal = authentication.getPrincipal();
    String user = authentication.getName();
    if (principal instanceof Jwt jwt && jwt.getSubject() != null) {
      user = jwt.getSubject();
    }
    Instant expiresAt = principal instanceof OAuth2Token token ? token.getExpiresAt() : null;
    return new StreamViewer(user, expiresAt);
  }
}
