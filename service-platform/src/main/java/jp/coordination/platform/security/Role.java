package jp.coordination.platform.security;

import java.util.Arrays;

/**
 * The roles of API.md, the one list both services use. Spring authorities carry them with the
 * {@code ROLE_} prefix ({@link Authorities#ROLE_PREFIX}); identity provider claims carry the bare
 * name.
 */
public enum Role {
  COORDINATOR,
  FACILITY,
  WARD_COUNCIL,
  REGIONAL_COUNCIL,
  CITY_AUDITOR,
  ANALYST,
  /** Runs the read side: parked events, rebuilds; sees no personal data and no figures. */
  OPERATOR;

  /** The names as Spring Security's {@code hasAnyRole} takes them. */
  public static String[] names(Role... roles) {
    return Arrays.stream(roles).map(Role::name).toArray(String[]::new);
  }

  /** The authority of this role, e.g. {@code ROLE_COORDINATOR}. */
  public String authority() {
    return Authorities.ROLE_PREFIX + name();
  }
}
