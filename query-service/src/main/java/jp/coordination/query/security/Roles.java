package jp.coordination.query.security;

/** The role names of API.md (Spring authorities carry them with the {@code ROLE_} prefix). */
public final class Roles {
  public static final String COORDINATOR = "COORDINATOR";
  public static final String FACILITY = "FACILITY";
  public static final String WARD_COUNCIL = "WARD_COUNCIL";
  public static final String REGIONAL_COUNCIL = "REGIONAL_COUNCIL";
  public static final String CITY_AUDITOR = "CITY_AUDITOR";
  public static final String ANALYST = "ANALYST";

  private Roles() {}
}
