package jp.coordination.command.communityissue;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.EnumSet;
import jp.coordination.command.rules.FieldRejectedException;
import jp.coordination.command.rules.RuleBrokenException;
import jp.coordination.events.AggregateType;
import jp.coordination.events.communityissue.CommunityIssueClosed;
import jp.coordination.events.communityissue.CommunityIssueDiscussed;
import jp.coordination.events.communityissue.CommunityIssueProposed;
import jp.coordination.events.communityissue.CommunityIssueRaised;
import jp.coordination.platform.problem.ProblemText;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A community issue: RAISED → DISCUSSED → PROPOSED → CLOSED. It may be discussed at several
 * meetings before the proposal; a closed issue takes no more commands.
 *
 * <p>Handlers return the aggregate's new version, the sequence number the HTTP answer reports.
 */
@Aggregate(type = AggregateType.COMMUNITY_ISSUE)
public class CommunityIssue {

  /** Where an issue is in its life. */
  enum Status {
    RAISED,
    DISCUSSED,
    PROPOSED,
    CLOSED
  }

  @AggregateIdentifier private String issueId;
  private String ward;
  private Status status;

  protected CommunityIssue() {
    // For Axon: state is rebuilt from events.
  }

  @CommandHandler
  @CreationPolicy(AggregateCreationPolicy.ALWAYS)
  public long handle(RaiseCommunityIssue command) {
    if (command.category() == null) {
      throw FieldRejectedException.required("category");
    }
    if (command.title() == null || command.title().isBlank()) {
      throw FieldRejectedException.required("title");
    }
    if (command.raisedBy() == null) {
      throw FieldRejectedException.required("raisedBy");
    }
    apply(
        new CommunityIssueRaised(
            command.issueId(),
            command.ward(),
            command.category(),
            command.title(),
            command.raisedBy()));
    return AggregateLifecycle.getVersion();
  }

  @CommandHandler
  public long handle(RecordCommunityIssueDiscussion command) {
    requireStatus(EnumSet.of(Status.RAISED, Status.DISCUSSED), "discussed");
    if (command.meetingDate() == null) {
      throw FieldRejectedException.required("meetingDate");
    }
    apply(new CommunityIssueDiscussed(issueId, ward, command.meetingDate()));
    return AggregateLifecycle.getVersion();
  }

  @CommandHandler
  public long handle(ProposeCommunityIssue command) {
    requireStatus(EnumSet.of(Status.DISCUSSED), "proposed");
    if (command.to() == null || command.to().isBlank()) {
      throw FieldRejectedException.required("to");
    }
    apply(new CommunityIssueProposed(issueId, ward, command.to()));
    return AggregateLifecycle.getVersion();
  }

  @CommandHandler
  public long handle(CloseCommunityIssue command) {
    requireStatus(EnumSet.of(Status.PROPOSED), "closed");
    if (command.resolution() == null) {
      throw FieldRejectedException.required("resolution");
    }
    if (command.note() == null || command.note().isBlank()) {
      throw FieldRejectedException.required("note");
    }
    apply(new CommunityIssueClosed(issueId, ward, command.resolution(), command.note()));
    return AggregateLifecycle.getVersion();
  }

  private void requireStatus(EnumSet<Status> allowed, String what) {
    if (!allowed.contains(status)) {
      String[] names = allowed.stream().map(Enum::name).toArray(String[]::new);
      // "RAISED or DISCUSSED": the statuses stay codes, the "or" is the language's.
      ProblemText required =
          ProblemText.of(names.length == 1 ? "words.one" : "words.either", (Object[]) names);
      throw new RuleBrokenException(
          ProblemText.of(
              "rule.issue.status", status.name(), required, RuleBrokenException.action(what)));
    }
  }

  @EventSourcingHandler
  void on(CommunityIssueRaised event) {
    issueId = event.issueId();
    ward = event.ward();
    status = Status.RAISED;
  }

  @EventSourcingHandler
  void on(CommunityIssueDiscussed event) {
    status = Status.DISCUSSED;
  }

  @EventSourcingHandler
  void on(CommunityIssueProposed event) {
    status = Status.PROPOSED;
  }

  @EventSourcingHandler
  void on(CommunityIssueClosed event) {
    status = Status.CLOSED;
  }
}
