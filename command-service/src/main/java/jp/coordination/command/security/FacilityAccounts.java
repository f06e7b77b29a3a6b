package jp.coordination.command.security;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import jp.coordination.platform.security.Actor;
import jp.coordination.platform.security.Role;
import jp.coordination.platform.security.TokenClaims;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * A FACILITY account acts only in the name of its own facilities: it declares the beds of, and
 * records declines for, the facilities it is bound to, and is refused (403) for every other one,
 * whether that facility exists, was registered before or after the account got its token, or not.
 *
 * <p>The binding is part of the identity, not of the store: a token of the identity provider lists
 * its facilities in a claim ({@link FacilityAccountProperties#claim()}, default {@code
 * facilities}); a demo user's facilities come from configuration. An account without a binding
 * answers for no facility (fail closed). Other roles are not limited by this rule: a coordinator
 * records a decline a facility gave by phone.
 */
@Component
public class FacilityAccounts {
  private final FacilityAccountProperties properties;

  public FacilityAccounts(FacilityAccountProperties properties) {
    this.properties = properties;
  }

  /**
   * Throws 403 when the current user is a facility account that does not answer for this facility.
   */
  public void requireMayActFor(String facilityId) {
    Authentication caller = SecurityContextHolder.getContext().getAuthentication();
    if (caller == null) {
      throw new AccessDeniedException("not authenticated");
    }
    if (Actor.of(caller).is(Role.FACILITY)
        && (facilityId == null
            || !facilitiesOf(caller).contains(facilityId.toLowerCase(Locale.ROOT)))) {
      throw new AccessDeniedException("not one of the account's facilities");
    }
  }

  /**
   * The facilities this account answers for, as lower-case ids (the form of a UUID path variable):
   * its token's claim, or a demo user's configuration.
   */
  Set<String> facilitiesOf(Authentication caller) {
    return TokenClaims.values(caller, properties.claim())
        .orElseGet(
            () ->
                properties.demoFacilities().getOrDefault(caller.getName(), Set.of()).stream()
                    .map(id -> id.trim().toLowerCase(Locale.ROOT))
                    .filter(id -> !id.isEmpty())
                    .collect(Collectors.toUnmodifiableSet()));
  }
}
