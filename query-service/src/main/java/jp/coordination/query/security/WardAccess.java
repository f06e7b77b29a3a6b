package jp.coordination.query.security;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Ward scope of the caller. A scope is an authority {@code WARD_<code>}; a caller without one sees
 * every ward, except a ward council, which only ever sees its own ward (without a scope it sees
 * none: fail closed).
 */
public final class WardAccess {

  /** Prefix of ward-scope authorities, e.g. {@code WARD_AOBA}. */
  public static final String WARD_PREFIX = "WARD_";

  private WardAccess() {}

  /** Whether the caller may see this ward's data. */
  public static boolean mayAccess(Authentication caller, String ward) {
    if (caller == null) {
      return false;
    }
    Set<String> scope = scope(caller);
    // A null ward (an id nobody knows) is visible only to unscoped callers.
    if (scope.isEmpty()) {
      return !hasRole(caller, Roles.WARD_COUNCIL);
    }
    return scope.contains(ward);
  }

  /** Throws 403 unless the caller may see this ward. */
  public static void requireWard(Authentication caller, String ward) {
    if (!mayAccess(caller, ward)) {
      throw new AccessDeniedException("Not allowed for this ward");
    }
  }

  /** The wards of {@code wards} the caller may see, in the given order. */
  public static List<String> visible(Authentication caller, List<String> wards) {
    return wards.stream().filter(w -> mayAccess(caller, w)).toList();
  }

  private static Set<String> scope(Authentication caller) {
    return caller.getAuthorities().stream()
        .map(GrantedAuthority::getAuthority)
        .filter(a -> a.startsWith(WARD_PREFIX))
        .map(a -> a.substring(WARD_PREFIX.length()))
        .collect(Collectors.toSet());
  }

  private static boolean hasRole(Authentication caller, String role) {
    return caller.getAuthorities().stream()
        .anyMatch(a -> a.getAuthority().equals("ROLE_" + role));
  }
}
