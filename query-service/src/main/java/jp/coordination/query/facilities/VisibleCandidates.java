package jp.coordination.query.facilities;

import java.util.List;
import jp.coordination.events.care.SupportNeed;
import jp.coordination.platform.security.WardAccess;
import jp.coordination.query.facilities.Candidates.CandidateList;
import jp.coordination.query.views.IntakeCandidates;
import jp.coordination.query.views.IntakeView;
import jp.coordination.query.views.ViewQueries;
import org.springframework.security.core.Authentication;

/**
 * Candidates as a caller may see them. A coordinator limited to some wards is shown the facilities
 * of those wards only: the free beds of another ward's facilities add up to that ward's dashboard
 * figure, which such a coordinator may not read. And an intake's candidates take the child flag of
 * its registered household only when the caller may see that household's ward: an intake of one
 * ward may name a household that lives (or has moved) elsewhere, and whether it is a child
 * household is that ward's business. Region-wide coordinators see every ward, as before.
 */
final class VisibleCandidates implements IntakeCandidates {
  private final FacilityIndexProjection index;
  private final ViewQueries views;

  VisibleCandidates(FacilityIndexProjection index, ViewQueries views) {
    this.index = index;
    this.views = views;
  }

  /** A search by the caller: the facilities of the wards it may see. */
  static CandidateList search(
      FacilityIndex index,
      String ward,
      List<SupportNeed> needs,
      boolean child,
      Authentication caller) {
    return Candidates.find(
        index, ward, needs, child, facilityWard -> WardAccess.mayAccess(caller, facilityWard));
  }

  @Override
  public CandidateList forIntake(IntakeView intake, Authentication caller) {
    boolean child =
        intake.householdId() != null
            && views
                .household(intake.householdId())
                .filter(household -> WardAccess.mayAccess(caller, household.ward()))
                .map(household -> household.child())
                .orElse(false);
    return search(index.index(), intake.ward(), intake.supportNeeds(), child, caller);
  }
}
