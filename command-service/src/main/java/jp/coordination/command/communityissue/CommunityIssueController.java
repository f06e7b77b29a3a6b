package jp.coordination.command.communityissue;

import jakarta.validation.Valid;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import jp.coordination.command.web.CommandAccepted;
import jp.coordination.command.web.CommandDispatcher;
import jp.coordination.command.web.CommandDispatcher.Change;
import jp.coordination.command.web.CommandDispatcher.Creation;
import jp.coordination.events.AggregateType;
import jp.coordination.platform.problem.InvalidFieldException;
import jp.coordination.platform.problem.ProblemText;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Commands on community issues. An issue of one ward is in that ward's scope; an issue of the whole
 * region counts for no ward, so only a user without ward scope may raise or move it on.
 */
@RestController
@RequestMapping("/api/community-issues")
class CommunityIssueController {
  private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
  private static final LocalDate EARLIEST_MEETING = LocalDate.of(2000, 4, 1);

  private final CommandDispatcher dispatcher;
  private final Clock clock;

  CommunityIssueController(CommandDispatcher dispatcher, ObjectProvider<Clock> clock) {
    this.dispatcher = dispatcher;
    this.clock = clock.getIfAvailable(Clock::systemUTC);
  }

  @PostMapping
  ResponseEntity<CommandAccepted> raise(@Valid @RequestBody CommunityIssueRequests.Raise body) {
    return dispatcher.create(
        new Creation(
            body.ward(),
            body.id(),
            body.at(),
            body,
            issueId ->
                new RaiseCommunityIssue(
                    issueId, body.ward(), body.category(), body.title(), body.raisedBy())));
  }

  @PostMapping("/{id}/discussion")
  ResponseEntity<CommandAccepted> discuss(
      @PathVariable UUID id, @Valid @RequestBody CommunityIssueRequests.Discussion body) {
    // A discussion is recorded once the meeting was held: not before the record's range, not ahead.
    LocalDate today = LocalDate.now(clock.withZone(TOKYO));
    if (body.meetingDate().isBefore(EARLIEST_MEETING) || body.meetingDate().isAfter(today)) {
      throw new InvalidFieldException("meetingDate", ProblemText.of("field.meeting-date"));
    }
    return dispatcher.change(
        new Change(
            AggregateType.COMMUNITY_ISSUE,
            id.toString(),
            body.id(),
            body.at(),
            body,
            new RecordCommunityIssueDiscussion(id.toString(), body.meetingDate())));
  }

  @PostMapping("/{id}/proposal")
  ResponseEntity<CommandAccepted> propose(
      @PathVariable UUID id, @Valid @RequestBody CommunityIssueRequests.Proposal body) {
    return dispatcher.change(
        new Change(
            AggregateType.COMMUNITY_ISSUE,
            id.toString(),
            body.id(),
            body.at(),
            body,
            new ProposeCommunityIssue(id.toString(), body.to())));
  }

  @PostMapping("/{id}/closure")
  ResponseEntity<CommandAccepted> close(
      @PathVariable UUID id, @Valid @RequestBody CommunityIssueRequests.Closure body) {
    return dispatcher.change(
        new Change(
            AggregateType.COMMUNITY_ISSUE,
            id.toString(),
            body.id(),
            body.at(),
            body,
            new CloseCommunityIssue(id.toString(), body.resolution(), body.note())));
  }
}
