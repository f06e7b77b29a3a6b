package jp.coordination.query.facilities;

import java.util.ArrayList;
import java.util.List;
import jp.coordination.events.care.SupportNeed;
import jp.coordination.events.region.Region;
import jp.coordination.platform.problem.InvalidFieldException;
import jp.coordination.platform.problem.ProblemText;
import jp.coordination.platform.problem.Problems;
import jp.coordination.platform.security.WardAccess;
import jp.coordination.query.facilities.Candidates.CandidateList;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/facilities/candidates?ward=&needs=&child=} for coordinators (the URL rules keep
 * other roles out): {@code needs} is a comma-separated or repeated list of support need codes,
 * {@code child=true} asks for facilities that take children. A ward-scoped coordinator asks for its
 * own wards only and is shown only their facilities ({@link VisibleCandidates}).
 */
@RestController
class CandidateController {

  private final FacilityIndexProjection index;
  private final Region region;

  CandidateController(FacilityIndexProjection index, Region region) {
    this.index = index;
    this.region = region;
  }

  @GetMapping("/api/facilities/candidates")
  CandidateList candidates(
      @RequestParam(required = false) String ward,
      @RequestParam(required = false) List<String> needs,
      @RequestParam(required = false) String child,
      Authentication caller) {
    if (ward == null || ward.isBlank()) {
      throw InvalidFieldException.required("ward");
    }
    if (!region.hasWard(ward)) {
      throw new InvalidFieldException(
          "ward", ProblemText.of("field.not-a-ward-named", Problems.quote(ward)));
    }
    WardAccess.requireWard(caller, ward);
    return VisibleCandidates.search(index.index(), ward, needs(needs), child(child), caller);
  }

  private static List<SupportNeed> needs(List<String> codes) {
    List<SupportNeed> needs = new ArrayList<>();
    if (codes == null) {
      return needs;
    }
    for (String code : codes) {
      if (code == null || code.isBlank()) {
        continue;
      }
      try {
        needs.add(SupportNeed.valueOf(code.trim()));
      } catch (IllegalArgumentException e) {
        throw new InvalidFieldException(
            "needs", ProblemText.of("field.unknown-support-need", Problems.quote(code.trim())));
      }
    }
    return needs;
  }

  private static boolean child(String text) {
    if (text == null || text.isBlank() || text.equals("false")) {
      return false;
    }
    if (text.equals("true")) {
      return true;
    }
    throw new InvalidFieldException(
        "child", ProblemText.of("field.must-be", ProblemText.of("shape.boolean")));
  }
}
