package jp.coordination.platform.security;

import java.util.List;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;

/**
 * Ward scope of a reader. A caller without a scope sees every ward, except a ward council, which
 * only ever sees its own ward (without a scope it sees none: fail closed).
 */
public final class WardAccess {

  private WardAccess() {}

  /** Whether the caller may see this ward's data. */
  public static boolean mayAccess(Authentication caller, String ward) {
    if (caller == null) {
      return false;
    }
    Actor actor = Actor.of(caller);
    // A null ward (an id nobody knows) is visible only to unscoped callers.
    if (!actor.wardScoped()) {
      return !actor.is(Role.WARD_COUNCIL);
    }
    return ward != null && actor.wards().contains(ward);
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
}
