package jp.coordination.command.security;

import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which facilities a FACILITY account answers for ({@code coordination.facility-accounts.*}).
 *
 * @param claim the JWT claim listing the ids of the facilities a FACILITY token answers for ({@code
 *     OAUTH2_FACILITY_CLAIM}); a token without it answers for none
 * @param demoFacilities the facilities each HTTP Basic demo user answers for, by user name ({@code
 *     DEMO_FACILITY_IDS} for the demo user {@code facility}); never read for a JWT
 */
@ConfigurationProperties("coordination.facility-accounts")
public record FacilityAccountProperties(
    @DefaultValue("facilities") String claim, Map<String, Set<String>> demoFacilities) {

  public FacilityAccountProperties {
    demoFacilities = demoFacilities == null ? Map.of() : Map.copyOf(demoFacilities);
  }
}
