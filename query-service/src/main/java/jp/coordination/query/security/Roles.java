package jp.coordination.query.security;

/** The role names of API.md (Spring authorities carry them with the {@code ROLE_} prefix). */
public final class Roles {
  public static final String COORDINATOR = "COORDINATOR";
  public static final String FACILITY = "FACILITY";
  public static final String WARD_COUNCIL = "WARD_COUNCIL";
  public static final String REGIONAL_COUNCIL = "REGIONAL_COUNCIL";
  public static final String CITY_AUDITOR = "CITY_AUDITOR";
  public static final String ANALYST = "ANALYST";
  /** Runs the read side: parked events, rebuilds; sees no personal data and no figures. */
  public static final String OPERATOR = "OPERATOR";

  private Roles() {}

  /** The role the caller acts in (its first {@code ROLE_} authority), or {@code null}. */
  public static String of(org.springframework.security.core.Authentication caller) {
    return caller.getAuthorities().stream()
        .map(org.springframework.security.core.GrantedAuthority::getAuthority)
        .filter(a -> a.startsWith("ROLE_"))
        .map(a -> a.substring("ROLE_".length()))
        .findFirst()
        .orElse(null);
  }
}
