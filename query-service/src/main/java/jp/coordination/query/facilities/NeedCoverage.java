package jp.coordination.query.facilities;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import jp.coordination.events.care.SupportNeed;
import jp.coordination.events.facility.Capability;

/**
 * Which facility capability covers which support need. Written out, not derived from the codes'
 * names, because the two lists are not the same vocabulary:
 *
 * <ul>
 *   <li>MEDICAL_CARE → MEDICAL_CARE, BEHAVIOURAL_SUPPORT → BEHAVIOURAL_SUPPORT, WHEELCHAIR →
 *       WHEELCHAIR;
 *   <li>FEMALE_STAFF → FEMALE_ONLY (a women-only facility is the only capability that promises
 *       female staff);
 *   <li>PSYCHIATRIC_CARE → none: no capability says a facility can give psychiatric care, so a
 *       request needing it matches no facility and the answer says which need nobody covers (a
 *       guess such as OTHER would send a coordinator to the wrong place); a PSYCHIATRIC capability
 *       in the facility register would fix this;
 *   <li>a child (the household's CHILD flag, or {@code child=true}) → CHILD.
 * </ul>
 */
public final class NeedCoverage {

  /** The pseudo-need of a child household, covered by the CHILD capability. */
  public static final String CHILD_NEED = "CHILD";

  private static final Map<SupportNeed, Capability> COVERED_BY = new EnumMap<>(SupportNeed.class);

  static {
    COVERED_BY.put(SupportNeed.MEDICAL_CARE, Capability.MEDICAL_CARE);
    COVERED_BY.put(SupportNeed.BEHAVIOURAL_SUPPORT, Capability.BEHAVIOURAL_SUPPORT);
    COVERED_BY.put(SupportNeed.WHEELCHAIR, Capability.WHEELCHAIR);
    COVERED_BY.put(SupportNeed.FEMALE_STAFF, Capability.FEMALE_ONLY);
    // PSYCHIATRIC_CARE: deliberately absent, see above.
  }

  private NeedCoverage() {}

  /** The capability that covers the need, if any does. */
  public static Optional<Capability> capabilityFor(SupportNeed need) {
    return Optional.ofNullable(COVERED_BY.get(need));
  }
}
