package jp.coordination.platform.security;

/**
 * How role and ward scope are written as Spring authorities, the same in both services and for
 * every identity source (demo users, JWT claims).
 */
public final class Authorities {
  /** Authority prefix of a role, as Spring Security's {@code hasRole} expects. */
  public static final String ROLE_PREFIX = "ROLE_";

  /**
   * Authority prefix of a ward scope, e.g. {@code WARD:AOBA}. A colon rather than an underscore so
   * that no role name ({@code WARD_COUNCIL}) can ever be read as a ward. Scope is an authority
   * rather than a user field so that a JWT claim maps to it without touching the services' code.
   */
  public static final String WARD_PREFIX = "WARD:";

  /**
   * The value of the identity provider's ward claim for a user of the whole region. Region-wide
   * scope is always said explicitly: a token without a usable ward claim is refused, never read as
   * "every ward". No ward code can be {@code *}.
   */
  public static final String REGION_WIDE = "*";

  private Authorities() {}

  /** The authority of a ward scope. */
  public static String ward(String code) {
    return WARD_PREFIX + code;
  }
}
