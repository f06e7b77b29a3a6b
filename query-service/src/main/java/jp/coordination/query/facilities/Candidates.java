package jp.coordination.query.facilities;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import jp.coordination.events.care.SupportNeed;
import jp.coordination.events.facility.Capability;
import jp.coordination.events.facility.FacilityKind;

/**
 * Facility matching as a pure function: facilities whose capabilities cover every need and that
 * have at least one free emergency bed; the requesting ward's first, then the others; within each,
 * most free beds first, then by name (then id, so the order is total).
 */
public final class Candidates {

  private Candidates() {}

  /** Why a facility matches: which capability covers which need. */
  public record Match(String need, Capability capability) {}

  /** One facility that can take the person. */
  public record Candidate(
      String facilityId,
      String name,
      String ward,
      FacilityKind kind,
      boolean sameWard,
      int freeBeds,
      int emergencyBeds,
      List<Match> matches) {}

  /**
   * The answer: what was asked, the needs no capability covers (then nothing matches), and the
   * candidates in order.
   */
  public record CandidateList(
      String ward,
      List<SupportNeed> needs,
      boolean child,
      List<SupportNeed> uncoveredNeeds,
      List<Candidate> candidates) {}

  public static CandidateList find(
      FacilityIndex index, String ward, List<SupportNeed> needs, boolean child) {
    return find(index, ward, needs, child, anyWard -> true);
  }

  /**
   * The candidates among the facilities of the wards {@code shown} accepts: a caller limited to
   * some wards is shown nothing of another ward, not even that a facility there has a free bed.
   */
  public static CandidateList find(
      FacilityIndex index,
      String ward,
      List<SupportNeed> needs,
      boolean child,
      Predicate<String> shown) {
    List<SupportNeed> distinct = List.copyOf(new LinkedHashSet<>(needs));
    List<SupportNeed> uncovered =
        distinct.stream().filter(n -> NeedCoverage.capabilityFor(n).isEmpty()).toList();
    List<Candidate> candidates = new ArrayList<>();
    if (uncovered.isEmpty()) {
      for (FacilityIndex.Entry facility : index.facilities()) {
        if (facility.availableBeds() < 1 || !shown.test(facility.ward())) {
          continue;
        }
        Optional<List<Match>> matches = matches(facility, distinct, child);
        matches.ifPresent(
            m ->
                candidates.add(
                    new Candidate(
                        facility.id(),
                        facility.name(),
                        facility.ward(),
                        facility.kind(),
                        ward.equals(facility.ward()),
                        facility.availableBeds(),
                        facility.emergencyBeds(),
                        m)));
      }
    }
    candidates.sort(
        Comparator.comparing((Candidate c) -> !c.sameWard())
            .thenComparing(Candidate::freeBeds, Comparator.reverseOrder())
            .thenComparing(c -> c.name() == null ? "" : c.name())
            .thenComparing(Candidate::facilityId));
    return new CandidateList(ward, distinct, child, uncovered, candidates);
  }

  private static Optional<List<Match>> matches(
      FacilityIndex.Entry facility, List<SupportNeed> needs, boolean child) {
    Set<Capability> capabilities = Set.copyOf(facility.capabilities());
    List<Match> matches = new ArrayList<>();
    for (SupportNeed need : needs) {
      Capability capability = NeedCoverage.capabilityFor(need).orElseThrow();
      if (!capabilities.contains(capability)) {
        return Optional.empty();
      }
      matches.add(new Match(need.name(), capability));
    }
    if (child) {
      if (!capabilities.contains(Capability.CHILD)) {
        return Optional.empty();
      }
      matches.add(new Match(NeedCoverage.CHILD_NEED, Capability.CHILD));
    }
    return Optional.of(matches);
  }
}
