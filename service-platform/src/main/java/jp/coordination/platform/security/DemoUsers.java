package jp.coordination.platform.security;

import java.util.List;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;

/** The documented demo users of the local run (API.md, README): password equals the user name. */
public final class DemoUsers {
  private DemoUsers() {}

  public static List<UserDetails> all() {
    return List.of(
        user("coordinator", Role.COORDINATOR),
        user("aoba-coordinator", Role.COORDINATOR, "AOBA"),
        user("facility", Role.FACILITY),
        user("aoba-council", Role.WARD_COUNCIL, "AOBA"),
        user("city-council", Role.REGIONAL_COUNCIL),
        user("auditor", Role.CITY_AUDITOR),
        user("analyst", Role.ANALYST),
        // Runs the query side's parked events; no command and no figure is open to this role.
        user("operator", Role.OPERATOR));
  }

  private static UserDetails user(String name, Role role, String... wards) {
    String[] authorities = new String[wards.length + 1];
    authorities[0] = role.authority();
    for (int i = 0; i < wards.length; i++) {
      authorities[i + 1] = Authorities.ward(wards[i]);
    }
    // {noop}: the passwords are published in the README, and a stateless API checks Basic
    // credentials on every request, where bcrypt would add tens of milliseconds per request.
    return User.withUsername(name).password("{noop}" + name).authorities(authorities).build();
  }
}
