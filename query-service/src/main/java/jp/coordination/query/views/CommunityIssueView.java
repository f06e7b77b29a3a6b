package jp.coordination.query.views;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import jp.coordination.events.communityissue.CommunityIssueCategory;
import jp.coordination.events.communityissue.CommunityIssueClosed;
import jp.coordination.events.communityissue.CommunityIssueDiscussed;
import jp.coordination.events.communityissue.CommunityIssueEvent;
import jp.coordination.events.communityissue.CommunityIssueProposed;
import jp.coordination.events.communityissue.CommunityIssueRaised;
import jp.coordination.events.communityissue.CommunityIssueResolution;
import jp.coordination.events.communityissue.CommunityIssueSource;
import jp.coordination.events.envelope.EventEnvelope;

/**
 * A community issue now (⑤地域課題): what it is about, the meetings that discussed it, the proposal and
 * how it closed. {@code ward} is null for an issue of the whole region.
 */
public record CommunityIssueView(
    String id,
    Status status,
    String ward,
    CommunityIssueCategory category,
    String title,
    CommunityIssueSource raisedBy,
    Instant raisedAt,
    List<LocalDate> meetings,
    String proposedTo,
    Instant proposedAt,
    CommunityIssueResolution resolution,
    String note,
    Instant closedAt,
    long sequence,
    Instant lastEventAt)
    implements AggregateView {

  /** The issue's state (RAISED → DISCUSSED → PROPOSED → CLOSED). */
  public enum Status {
    RAISED,
    DISCUSSED,
    PROPOSED,
    CLOSED
  }

  public CommunityIssueView {
    meetings = meetings == null ? List.of() : List.copyOf(meetings);
  }

  /** Whether the council still has to deal with the issue. */
  public boolean open() {
    return status != null && status != Status.CLOSED;
  }

  /** The issue after the event; {@code state} is null before the first event. */
  public static CommunityIssueView evolve(CommunityIssueView state, EventEnvelope envelope) {
    CommunityIssueEvent event = (CommunityIssueEvent) envelope.payload();
    CommunityIssueView s =
        state != null
            ? state
            : new CommunityIssueView(
                event.issueId(),
                null,
                event.ward(),
                null,
                null,
                null,
                null,
                List.of(),
                null,
                null,
                null,
                null,
                null,
                -1,
                null);
    Instant at = envelope.occurredAt();
    long seq = envelope.sequence();
    Instant recorded = envelope.recordedAt();
    if (event instanceof CommunityIssueRaised e) {
      return new CommunityIssueView(
          e.issueId(),
          Status.RAISED,
          e.ward(),
          e.category(),
          e.title(),
          e.raisedBy(),
          at,
          List.of(),
          null,
          null,
          null,
          null,
          null,
          seq,
          recorded);
    }
    if (event instanceof CommunityIssueDiscussed e) {
      List<LocalDate> meetings = new ArrayList<>(s.meetings);
      meetings.add(e.meetingDate());
      return new CommunityIssueView(
          s.id,
          Status.DISCUSSED,
          s.ward,
          s.category,
          s.title,
          s.raisedBy,
          s.raisedAt,
          meetings,
          null,
          null,
          null,
          null,
          null,
          seq,
          recorded);
    }
    if (event instanceof CommunityIssueProposed e) {
      return new CommunityIssueView(
          s.id,
          Status.PROPOSED,
          s.ward,
          s.category,
          s.title,
          s.raisedBy,
          s.raisedAt,
          s.meetings,
          e.to(),
          at,
          null,
          null,
          null,
          seq,
          recorded);
    }
    if (event instanceof CommunityIssueClosed e) {
      return new CommunityIssueView(
          s.id,
          Status.CLOSED,
          s.ward,
          s.category,
          s.title,
          s.raisedBy,
          s.raisedAt,
          s.meetings,
          s.proposedTo,
          s.proposedAt,
          e.resolution(),
          e.note(),
          at,
          seq,
          recorded);
    }
    throw new IllegalArgumentException("Unhandled community-issue event " + envelope.type());
  }
}
