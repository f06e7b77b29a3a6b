package jp.coordination.command.security;

import java.util.Set;
import java.util.TreeSet;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * The authenticated user as the command side needs it: name, the role acted in, and the wards the
 * user may act in (empty: every ward).
 *
 * @param name the user name (event {@code actor})
 * @param role the role without Spring's prefix, e.g. {@code COORDINATOR}
 * @param wards ward codes the user is limited to; empty when not limited
 */
public record Actor(String name, String role, Set<String> wards) {

  /** Authority prefix of a role, as Spring Security's {@code hasRole} expects. */
  public static final String ROLE_PREFIX = "ROLE_";

  /**
   * Authority prefix of a ward scope. Scope is an authority rather than a user field so that a JWT
   * claim can later be mapped to it without touching the command code.
   */
  public static final String WARD_PREFIX = "WARD:";

  public Actor {
    wards = Set.copyOf(wards);
  }

  /** Reads the actor from an authenticated principal. */
  public static Actor of(Authentication authentication) {
    String role = null;
    Set<String> wards = new TreeSet<>();
    for (GrantedAuthority granted : authentication.getAuthorities()) {
      String authority = granted.getAuthority();
      if (authority == null) {
        continue;
      }
      if (authority.startsWith(ROLE_PREFIX) && role == null) {
        role = authority.substring(ROLE_PREFIX.length());
      } else if (authority.startsWith(WARD_PREFIX)) {
        wards.add(authority.substring(WARD_PREFIX.length()));
      }
    }
    return new Actor(authentication.getName(), role, wards);
  }

  /** Whether the user is limited to some wards. */
  public boolean wardScoped() {
    return !wards.isEmpty();
  }

  /** Whether the user may act on something that counts for this ward. */
  public boolean mayActIn(String ward) {
    return wards.isEmpty() || wards.contains(ward);
  }
}
