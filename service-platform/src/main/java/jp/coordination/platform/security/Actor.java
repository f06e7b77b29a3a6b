package jp.coordination.platform.security;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The authenticated user as the services need it: a stable name, a display name, the role acted in,
 * and the wards the user is limited to (empty: not limited).
 *
 * @param name the stable user id (event {@code actor}): a token's {@code sub}, a demo user's name;
 *     never a display name, which a user may change and two users may share
 * @param displayName the name a person reads: a token's {@code name} or {@code preferred_username}
 *     claim when present, else {@code name}
 * @param role the role without Spring's prefix, e.g. {@code COORDINATOR}; {@code null} when none
 * @param wards ward codes the user is limited to; empty when not limited
 */
public record Actor(String name, String displayName, String role, Set<String> wards) {

  public Actor {
    wards = Set.copyOf(wards);
    displayName = displayName == null || displayName.isBlank() ? name : displayName;
  }

  /** An actor whose display name is its name (demo users, system actors). */
  public Actor(String name, String role, Set<String> wards) {
    this(name, name, role, wards);
  }

  /** Reads the actor from an authenticated principal: its first role and all its ward scopes. */
  public static Actor of(Authentication authentication) {
    String role = null;
    Set<String> wards = new TreeSet<>();
    for (GrantedAuthority granted : authentication.getAuthorities()) {
      String authority = granted.getAuthority();
      if (authority == null) {
        continue;
      }
      if (authority.startsWith(Authorities.ROLE_PREFIX) && role == null) {
        role = authority.substring(Authorities.ROLE_PREFIX.length());
      } else if (authority.startsWith(Authorities.WARD_PREFIX)) {
        wards.add(authority.substring(Authorities.WARD_PREFIX.length()));
      }
    }
    return new Actor(authentication.getName(), displayNameOf(authentication), role, wards);
  }

  private static String displayNameOf(Authentication authentication) {
    if (authentication instanceof JwtAuthenticationToken token) {
      Optional<String> claim = displayNameClaim(token.getToken());
      if (claim.isPresent()) {
        return token.getToken().getClaimAsString(claim.get());
      }
    }
    return authentication.getName();
  }

  /**
   * The claim a token's display name is read from: {@code name}, else {@code preferred_username}.
   */
  static Optional<String> displayNameClaim(Jwt jwt) {
    for (String claim : List.of("name", "preferred_username")) {
      String value = jwt.getClaimAsString(claim);
      if (value != null && !value.isBlank()) {
        return Optional.of(claim);
      }
    }
    return Optional.empty();
  }

  /** Whether the user acts in this role. */
  public boolean is(Role role) {
    return role.name().equals(this.role);
  }

  /** Whether the user is limited to some wards. */
  public boolean wardScoped() {
    return !wards.isEmpty();
  }

  /**
   * Whether the user may act on something that counts for this ward (commands: no scope, every
   * ward).
   */
  public boolean mayActIn(String ward) {
    // Set.copyOf's sets refuse contains(null): an unknown ward is in no scope.
    return wards.isEmpty() || (ward != null && wards.contains(ward));
  }
}
