package jp.coordination.platform.security;

import java.util.Set;
import java.util.TreeSet;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * The authenticated user as the services need it: name, the role acted in, and the wards the user
 * is limited to (empty: not limited).
 *
 * @param name the user name (event {@code actor})
 * @param role the role without Spring's prefix, e.g. {@code COORDINATOR}; {@code null} when none
 * @param wards ward codes the user is limited to; empty when not limited
 */
public record Actor(String name, String role, Set<String> wards) {

  public Actor {
    wards = Set.copyOf(wards);
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
    return new Actor(authentication.getName(), role, wards);
  }

  /** Whether the user acts in this role. */
  public boolean is(Role role) {
    return role.name().equals(this.role);
  }

  /** Whether the user is limited to some wards. */
  public boolean wardScoped() {
    return !wards.isEmpty();
  }

  /** Whether the user may act on something that counts for this ward (commands: no scope, every ward). */
  public boolean mayActIn(String ward) {
    // Set.copyOf's sets refuse contains(null): an unknown ward is in no scope.
    return wards.isEmpty() || (ward != null && wards.contains(ward));
  }
}
