package jp.coordination.query.views;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import jp.coordination.query.consumer.DocumentKind;
import jp.coordination.query.consumer.ProjectionStore;
import jp.coordination.query.consumer.Versioned;

/** Reads views by id. */
public final class ViewQueries {

  private final ProjectionStore store;

  public ViewQueries(ProjectionStore store) {
    this.store = store;
  }

  public Optional<HouseholdView> household(String id) {
    return find(Views.HOUSEHOLDS, id);
  }

  public Optional<IntakeView> intake(String id) {
    return find(Views.INTAKES, id);
  }

  public Optional<CoSupportView> coSupport(String id) {
    return find(Views.CO_SUPPORTS, id);
  }

  public Optional<FacilityView> facility(String id) {
    return find(Views.FACILITIES, id);
  }

  public Optional<ExperienceStayView> experienceStay(String id) {
    return find(Views.EXPERIENCE_STAYS, id);
  }

  public Optional<CommunityIssueView> communityIssue(String id) {
    return find(Views.COMMUNITY_ISSUES, id);
  }

  /** The ward's experience stays arranged or in progress, by planned first day. */
  public List<ExperienceStayView> openExperienceStays(String ward) {
    return OpenLists.ids(store, OpenLists.OPEN_EXPERIENCE_STAYS, ward).stream()
        .map(this::experienceStay)
        .flatMap(Optional::stream)
        .filter(ExperienceStayView::open)
        .sorted(
            Comparator.comparing(
                    ExperienceStayView::firstDay, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(ExperienceStayView::id))
        .toList();
  }

  /**
   * The open community issues of a ward, or of the whole region for {@link OpenLists#REGION}, the
   * oldest first.
   */
  public List<CommunityIssueView> openCommunityIssues(String wardOrRegion) {
    return OpenLists.ids(store, OpenLists.OPEN_COMMUNITY_ISSUES, wardOrRegion).stream()
        .map(this::communityIssue)
        .flatMap(Optional::stream)
        .filter(CommunityIssueView::open)
        .sorted(
            Comparator.comparing(
                    CommunityIssueView::raisedAt, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(CommunityIssueView::id))
        .toList();
  }

  private <S> Optional<S> find(DocumentKind<S> kind, String id) {
    return store.read(kind, id).map(Versioned::state);
  }
}
