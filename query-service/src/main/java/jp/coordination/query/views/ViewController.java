package jp.coordination.query.views;

import java.util.Optional;
import java.util.function.Function;
import jp.coordination.platform.correlation.CorrelationIdFilter;
import jp.coordination.platform.problem.InvalidFieldException;
import jp.coordination.platform.problem.NotFoundException;
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
 * Current state of one household, intake or co-support case, for coordinators (the URL rules keep
 * every other role out).
 */
@RestController
class ViewController {

  private final ViewQueries queries;
  private final IntakeCandidates candidates;
  private static final int MAX_PURPOSE_LENGTH = 500;

  private final HouseholdKeyReader keys;
  private final ReadRecords readRecords;

  ViewController(
      ViewQueries queries,
      IntakeCandidates candidates,
      HouseholdKeyReader keys,
      ReadRecords readRecords) {
    this.queries = queries;
    this.candidates = candidates;
    this.keys = keys;
    this.readRecords = readRecords;
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
          "purpose", "must be 1 to " + MAX_PURPOSE_LENGTH + " characters when given");
    }
    HouseholdView view = visible(queries.household(id), "Household", id, caller);
    if (view.personalDataErased()) {
      return HouseholdDetails.of(view, null, true);
    }
    HouseholdKeyReader.Decrypted decrypted = keys.decrypt(view.id(), view.encryptedPersonalData());
    if (decrypted.personalData() != null) {
      readRecords.record(
          caller.getName(),
          Actor.of(caller).role(),
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
        intake.status() == IntakeView.Status.REQUESTED ? candidates.forIntake(intake, caller) : null);
  }

  @GetMapping("/api/cosupports/{id}")
  CoSupportView coSupport(@PathVariable String id, Authentication caller) {
    return visible(queries.coSupport(id), "Co-support case", id, caller);
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
