package jp.coordination.events.facility;

import java.util.List;
import jp.coordination.events.Codes;
import jp.coordination.events.EventType;

/**
 * A facility joined the network that takes emergency stays. Until it declares availability, all its
 * emergency beds count as free.
 *
 * @param facilityId the new facility's id
 * @param name the facility's name
 * @param ward the ward it is in
 * @param kind what kind of facility it is
 * @param capabilities what it can handle
 * @param emergencyBeds how many beds it keeps for emergencies; zero or more
 */
@EventType(name = "FacilityRegistered", revision = 1)
public record FacilityRegistered(
    String facilityId,
    String name,
    String ward,
    FacilityKind kind,
    List<Capability> capabilities,
    int emergencyBeds)
    implements FacilityEvent {

  public FacilityRegistered {
    capabilities = Codes.normalised(capabilities);
  }
}
