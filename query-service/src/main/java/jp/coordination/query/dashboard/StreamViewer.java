package jp.coordination.query.dashboard;

import java.time.Instant;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who opens a live stream, as far as the stream's limits care: the user its streams are counted
 * against, and when its credentials expire.
 *
 * @param user the user the open streams are counted against: a JWT's {@code sub} (stable), else
 *     the user name
 * @param expiresAt when the stream must end: a token's {@code exp}; {@code null} for credentials
 *     without expiry (the local run's HTTP Basic demo users)
 */
public record StreamViewer(String user, Instant expiresAt) {

  /** The viewer of an authenticated request. */
  public static StreamViewer of(Authentication authentication) {
    String user = authentication.getName();
    if (authentication instanceof JwtAuthenticationToken jwt && jwt.getToken().getSubject() != null) {
      user = jwt.getToken().getSubject();
    }
    Instant expiresAt =
        authentication instanceof AbstractOAuth2TokenAuthenticationToken<?> token
            ? token.getToken().getExpiresAt()
            : null;
    return new StreamViewer(user, expiresAt);
  }
}
