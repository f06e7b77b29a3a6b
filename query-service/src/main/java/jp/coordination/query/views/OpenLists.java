package jp.coordination.query.views;

import java.util.List;
import java.util.Objects;
import jp.coordination.query.consumer.Delivery;
import jp.coordination.query.consumer.DocumentKind;
import jp.coordination.query.consumer.GuardedUpdate;
import jp.coordination.query.consumer.ProjectionStore;

/**
 * The lists a coordinator works from: per ward, the open experience stays and the open community
 * issues (region-wide issues under {@link #REGION}). Membership moves by the view before and after
 * the event, like the dashboard's counts, through guarded updates.
 */
public final class OpenLists implements AggregateChangeProjection {

  public static final DocumentKind<OpenIds> OPEN_EXPERIENCE_STAYS =
      new DocumentKind<>("open_experience_stays", OpenIds.class);
  public static final DocumentKind<OpenIds> OPEN_COMMUNITY_ISSUES =
      new DocumentKind<>("open_community_issues", OpenIds.class);

  /** The list key of the issues of the whole region (no ward code is lower case). */
  public static final String REGION = "region";

  private final ProjectionStore store;

  public OpenLists(ProjectionStore store) {
    this.store = store;
  }

  @Override
  public boolean apply(AggregateChange change, Delivery delivery) {
    DocumentKind<OpenIds> kind;
    if (change.after() instanceof ExperienceStayView) {
      kind = OPEN_EXPERIENCE_STAYS;
    } else if (change.after() instanceof CommunityIssueView) {
      kind = OPEN_COMMUNITY_ISSUES;
    } else {
      return false;
    }
    String id = change.after().id();
    String before = listOf(change.before());
    String after = listOf(change.after());
    if (Objects.equals(before, after)) {
      return false;
    }
    boolean written = false;
    if (before != null) {
      written |=
          GuardedUpdate.apply(
              store,
              kind,
              before,
              delivery,
              current -> current.orElseGet(() -> new OpenIds(null)).without(id));
    }
    if (after != null) {
      written |=
          GuardedUpdate.apply(
              store,
              kind,
              after,
              delivery,
              current -> current.orElseGet(() -> new OpenIds(null)).with(id));
    }
    return written;
  }

  /** The list a view belongs on, or null when it is on none (closed, ended, not yet known). */
  static String listOf(AggregateView view) {
    if (view instanceof ExperienceStayView stay && stay.open()) {
      return stay.ward();
    }
    if (view instanceof CommunityIssueView issue && issue.open()) {
      return issue.ward() == null ? REGION : issue.ward();
    }
    return null;
  }

  /** The ids on one list, sorted. */
  public static List<String> ids(ProjectionStore store, DocumentKind<OpenIds> kind, String key) {
    return store.read(kind, key).map(v -> v.state().ids()).orElse(List.of());
  }
}
