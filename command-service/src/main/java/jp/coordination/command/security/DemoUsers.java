package jp.coordination.command.security;

import java.util.List;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;

/** The documented demo users of the local run (API.md): password equals the user name. */
final class DemoUsers {
  private DemoUsers() {}

  static List<UserDetails> all() {
    return List.of(
        user("coordinator", "COORDINATOR"),
        user("aoba-coordinator", "COORDINATOR", "AOBA"),
        user("facility", "FACILITY"),
        user("aoba-council", "WARD_COUNCIL", "AOBA"),
        user("city-council", "REGIONAL_COUNCIL"),
        user("auditor", "CITY_AUDITOR"),
        user("analyst", "ANALYST"),
        // Runs the query side's parked events; no command is open to this role.
        user("operator", "OPERATOR"));
  }

  private static UserDetails user(String name, String role, String... wards) {
    String[] authorities = new String[wards.length + 1];
    authorities[0] = Actor.ROLE_PREFIX + role;
    for (int i = 0; i < wards.length; i++) {
      authorities[i + 1] = Actor.WARD_PREFIX + wards[i];
    }
    // {noop}: the passwords are published in the README, and a stateless API checks Basic
    // credentials on every request, where bcrypt would add tens of milliseconds per command.
    return User.withUsername(name).password("{noop}" + name).authorities(authorities).build();
  }
}
