package jp.coordination.query.views;

import static jp.coordination.query.TestEvents.jst;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import jp.coordination.events.communityissue.CommunityIssueCategory;
import jp.coordination.events.communityissue.CommunityIssueDiscussed;
import jp.coordination.events.communityissue.CommunityIssueProposed;
import jp.coordination.events.communityissue.CommunityIssueRaised;
import jp.coordination.events.communityissue.CommunityIssueSource;
import jp.coordination.events.envelope.EventEnvelope;
import jp.coordination.events.experiencestay.ExperienceStayArranged;
import jp.coordination.events.experiencestay.ExperienceStayCompleted;
import jp.coordination.events.experiencestay.ExperienceStayKind;
import jp.coordination.events.experiencestay.ExperienceStayOutcome;
import jp.coordination.events.experiencestay.ExperienceStayStarted;
import jp.coordination.query.TestEvents;
import jp.coordination.query.consumer.Delivery;
import jp.coordination.query.consumer.InMemoryProjectionStore;
import org.junit.jupiter.api.Test;

/** The views and open lists of experience stays and community issues. */
class HubFunctionViewsTest {

  private final TestEvents events = new TestEvents();
  private final InMemoryProjectionStore store = new InMemoryProjectionStore();
  private final ViewProjector projector = new ViewProjector(store, List.of(new OpenLists(store)));
  private final ViewQueries queries = new ViewQueries(store);
  private long offset;

  private void apply(EventEnvelope... envelopes) {
    for (EventEnvelope e : envelopes) {
      projector.handle(e, new Delivery(0, offset++));
    }
  }

  @Test
  void a_stay_is_on_its_wards_open_list_until_it_is_completed() {
    apply(
        events.wrap(
            new ExperienceStayArranged(
                "s1",
                "AOBA",
                ExperienceStayKind.LIVING_ALONE_TRIAL,
                "h1",
                null,
                LocalDate.of(2026, 7, 1),
                LocalDate.of(2026, 7, 5)),
            jst("2026-06-01T10:00")),
        events.wrap(
            new ExperienceStayArranged(
                "s2",
                "AOBA",
                ExperienceStayKind.GROUP_HOME_TRIAL,
                null,
                "f1",
                LocalDate.of(2026, 6, 20),
                LocalDate.of(2026, 6, 21)),
            jst("2026-06-02T10:00")),
        events.wrap(new ExperienceStayStarted("s1", "AOBA"), jst("2026-07-01T10:00")));
    assertThat(queries.openExperienceStays("AOBA"))
        .extracting(ExperienceStayView::id)
        .containsExactly("s2", "s1");
    assertThat(queries.experienceStay("s1").orElseThrow().status())
        .isEqualTo(ExperienceStayView.Status.STARTED);

    apply(
        events.wrap(
            new ExperienceStayCompleted(
                "s1",
                "AOBA",
                ExperienceStayKind.LIVING_ALONE_TRIAL,
                4,
                ExperienceStayOutcome.STARTED_LIVING_ALONE),
            jst("2026-07-05T10:00")));
    ExperienceStayView done = queries.experienceStay("s1").orElseThrow();
    assertThat(done.status()).isEqualTo(ExperienceStayView.Status.COMPLETED);
    assertThat(done.nightsStayed()).isEqualTo(4);
    assertThat(done.householdId()).isEqualTo("h1");
    assertThat(queries.openExperienceStays("AOBA"))
        .extracting(ExperienceStayView::id)
        .containsExactly("s2");
    assertThat(queries.openExperienceStays("IZUMI")).isEmpty();
  }

  @Test
  void an_issue_keeps_its_meetings_and_a_region_wide_one_is_on_the_regions_list() {
    apply(
        events.wrap(
            new CommunityIssueRaised(
                "p1",
                null,
                CommunityIssueCategory.EMERGENCY_SYSTEM,
                "夜間の緊急対応",
                CommunityIssueSource.INTAKE_DECLINES),
            jst("2026-05-01T10:00")),
        events.wrap(
            new CommunityIssueDiscussed("p1", null, LocalDate.of(2026, 5, 20)),
            jst("2026-05-20T10:00")),
        events.wrap(
            new CommunityIssueDiscussed("p1", null, LocalDate.of(2026, 6, 17)),
            jst("2026-06-17T10:00")),
        events.wrap(new CommunityIssueProposed("p1", null, "障害者支援課"), jst("2026-07-01T10:00")));
    CommunityIssueView issue = queries.communityIssue("p1").orElseThrow();
    assertThat(issue.status()).isEqualTo(CommunityIssueView.Status.PROPOSED);
    assertThat(issue.meetings())
        .containsExactly(LocalDate.of(2026, 5, 20), LocalDate.of(2026, 6, 17));
    assertThat(issue.ward()).isNull();
    assertThat(queries.openCommunityIssues(OpenLists.REGION))
        .extracting(CommunityIssueView::id)
        .containsExactly("p1");
    assertThat(queries.openCommunityIssues("AOBA")).isEmpty();
  }
}
