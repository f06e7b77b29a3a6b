package jp.coordination.query.views;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import jp.coordination.events.region.Region;
import jp.coordination.platform.correlation.CorrelationIdFilter;
import jp.coordination.platform.problem.InvalidFieldException;
import jp.coordination.platform.problem.NotFoundException;
import jp.coordination.platform.problem.ProblemText;
import jp.coordination.platform.security.Actor;
import jp.coordination.platform.security.WardAccess;
import jp.coordination.query.personaldata.HouseholdKeyReader;
import jp.coordination.query.personaldata.ReadRecords;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Current state of one household, intake, co-support case, experience stay or community issue, and
 * the open stays and issues of a ward, for coordinators (the URL rules keep every other role out).
 */
@RestController
class ViewController {

  private final ViewQueries queries;
  private final IntakeCandidates candidates;
  private static final int MAX_PURPOSE_LENGTH = 500;

  private final HouseholdKeyReader keys;
  private final ReadRecords readRecords;
  private final Region region;

  ViewController(
      ViewQueries queries,
      IntakeCandidates candidates,
      HouseholdKeyReader keys,
      ReadRecords readRecords,
      Region region) {
    this.queries = queries;
    this.candidates = candidates;
    this.keys = keys;
    this.readRecords = readRecords;
    this.region = region;
  }

  /**
   * The household with its personal data decrypted now, with the key as it is now. A read that
   * shows personal data is recorded first (閲覧記録), with the purpose the coordinator may state.
   */
  @GetMapping("/api/households/{id}")
  HouseholdDetails household(
      @PathVariable String id,
      @RequestParam(required = false) String purpose,
      Authentication caller) {
    if (purpose != null && (purpose.isBlank() || purpose.length() > MAX_PURPOSE_LENGTH)) {
      throw new InvalidFieldException(
          "purpose",
          ProblemText.of("field.purpose-when-given", String.valueOf(MAX_PURPOSE_LENGTH)));
    }
    HouseholdView view = visible(queries.household(id), "Household", id, caller);
    if (view.personalDataErased()) {
      return HouseholdDetails.of(view, null, true);
    }
    HouseholdKeyReader.Decrypted decrypted = keys.decrypt(view.id(), view.encryptedPersonalData());
    if (decrypted.personalData() != null) {
      readRecords.record(
          Actor.of(caller),
          "Household",
          view.id(),
          purpose == null ? null : purpose.strip(),
          "GET /api/households/{id}",
          CorrelationIdFilter.current());
    }
    return HouseholdDetails.of(view, decrypted.personalData(), decrypted.erased());
  }

  @GetMapping("/api/intakes/{id}")
  IntakeDetail intake(@PathVariable String id, Authentication caller) {
    IntakeView intake = visible(queries.intake(id), "Intake", id, caller);
    return new IntakeDetail(
        intake,
        intake.status() == IntakeView.Status.REQUESTED
            ? candidates.forIntake(intake, caller)
            : null);
  }

  @GetMapping("/api/cosupports/{id}")
  CoSupportView coSupport(@PathVariable String id, Authentication caller) {
    return visible(queries.coSupport(id), "Co-support case", id, caller);
  }

  @GetMapping("/api/experience-stays/{id}")
  ExperienceStayView experienceStay(@PathVariable String id, Authentication caller) {
    return visible(queries.experienceStay(id), "Experience stay", id, caller);
  }

  /** A region-wide issue (no ward) is visible to unscoped coordinators only. */
  @GetMapping("/api/community-issues/{id}")
  CommunityIssueView communityIssue(@PathVariable String id, Authentication caller) {
    Optional<CommunityIssueView> issue = queries.communityIssue(id);
    WardAccess.requireWard(caller, issue.map(CommunityIssueView::ward).orElse(null));
    return issue.orElseThrow(() -> new NotFoundException("Community issue", id));
  }

  /** The experience stays of a ward that are arranged or in progress. */
  @GetMapping("/api/experience-stays")
  OpenExperienceStays openExperienceStays(
      @RequestParam(required = false) String ward, Authentication caller) {
    String code = knownWard(ward, true);
    WardAccess.requireWard(caller, code);
    return new OpenExperienceStays(code, queries.openExperienceStays(code));
  }

  /**
   * The community issues of a ward that are not closed; without {@code ward}, those of the whole
   * region (unscoped coordinators only).
   */
  @GetMapping("/api/community-issues")
  OpenCommunityIssues openCommunityIssues(
      @RequestParam(required = false) String ward, Authentication caller) {
    String code = knownWard(ward, false);
    WardAccess.requireWard(caller, code);
    return new OpenCommunityIssues(
        code, queries.openCommunityIssues(code == null ? OpenLists.REGION : code));
  }

  /** The open experience stays of a ward. */
  record OpenExperienceStays(String ward, List<ExperienceStayView> experienceStays) {}

  /** The open community issues of a ward, or of the region ({@code ward} null). */
  record OpenCommunityIssues(String ward, List<CommunityIssueView> communityIssues) {}

  private String knownWard(String ward, boolean required) {
    if (ward == null || ward.isBlank()) {
      if (required) {
        throw InvalidFieldException.required("ward");
      }
      return null;
    }
    String code = ward.strip().toUpperCase(Locale.ROOT);
    if (!region.hasWard(code)) {
      throw new InvalidFieldException("ward", ProblemText.of("field.not-a-ward"));
    }
    return code;
  }

  /**
   * A ward-scoped caller gets 403 both for another ward's aggregate and for an unknown id, so the
   * answer never tells whether something exists outside its ward (API.md, Identity).
   */
  private static <V extends AggregateView> V visible(
      Optional<V> view, String what, String id, Authentication caller) {
    String ward = view.map((Function<V, String>) AggregateView::ward).orElse(null);
    WardAccess.requireWard(caller, ward);
    return view.orElseThrow(() -> new NotFoundException(what, id));
  }
}
