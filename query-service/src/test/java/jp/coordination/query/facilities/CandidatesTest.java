package jp.coordination.query.facilities;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import jp.coordination.events.care.SupportNeed;
import jp.coordination.events.facility.Capability;
import jp.coordination.events.facility.FacilityKind;
import jp.coordination.query.facilities.Candidates.Candidate;
import jp.coordination.query.facilities.Candidates.CandidateList;
import jp.coordination.query.facilities.Candidates.Match;
import org.junit.jupiter.api.Test;

class CandidatesTest {

  private static FacilityIndex.Entry facility(
      String id, String name, String ward, int free, Capability... capabilities) {
    return new FacilityIndex.Entry(
        id, name, ward, FacilityKind.SHORT_STAY, List.of(capabilities), 5, free);
  }

  private static List<String> ids(CandidateList list) {
    return list.candidates().stream().map(Candidate::facilityId).toList();
  }

  @Test
  void a_facility_matches_only_if_its_capabilities_cover_every_need() {
    FacilityIndex index =
        new FacilityIndex(
            List.of(
                facility("a", "A", "AOBA", 1, Capability.WHEELCHAIR),
                facility("b", "B", "AOBA", 1, Capability.WHEELCHAIR, Capability.MEDICAL_CARE),
                facility("c", "C", "AOBA", 1, Capability.MEDICAL_CARE)));
    CandidateList list =
        Candidates.find(
            index, "AOBA", List.of(SupportNeed.WHEELCHAIR, SupportNeed.MEDICAL_CARE), false);
    assertThat(ids(list)).containsExactly("b");
    assertThat(list.candidates().get(0).matches())
        .containsExactly(
            new Match("WHEELCHAIR", Capability.WHEELCHAIR),
            new Match("MEDICAL_CARE", Capability.MEDICAL_CARE));
  }

  @Test
  void female_staff_is_covered_by_a_women_only_facility() {
    FacilityIndex index =
        new FacilityIndex(List.of(facility("w", "W", "IZUMI", 2, Capability.FEMALE_ONLY)));
    CandidateList list = Candidates.find(index, "AOBA", List.of(SupportNeed.FEMALE_STAFF), false);
    assertThat(list.candidates().get(0).matches())
        .containsExactly(new Match("FEMALE_STAFF", Capability.FEMALE_ONLY));
  }

  @Test
  void a_facility_with_zero_free_beds_is_excluded() {
    FacilityIndex index =
        new FacilityIndex(
            List.of(facility("full", "Full", "AOBA", 0), facility("free", "Free", "AOBA", 1)));
    assertThat(ids(Candidates.find(index, "AOBA", List.of(), false))).containsExactly("free");
  }

  @Test
  void same_ward_comes_first_then_most_free_beds_then_name() {
    FacilityIndex index =
        new FacilityIndex(
            List.of(
                facility("1", "Izumi big", "IZUMI", 4),
                facility("2", "Aoba small", "AOBA", 1),
                facility("3", "Aoba big", "AOBA", 3),
                facility("4", "Izumi b", "IZUMI", 2),
                facility("5", "Izumi a", "IZUMI", 2)));
    CandidateList list = Candidates.find(index, "AOBA", List.of(), false);
    assertThat(ids(list)).containsExactly("3", "2", "1", "5", "4");
    assertThat(list.candidates().get(0).sameWard()).isTrue();
    assertThat(list.candidates().get(2).sameWard()).isFalse();
  }

  @Test
  void psychiatric_care_is_covered_by_no_capability_so_nothing_matches_and_the_answer_says_why() {
    FacilityIndex index =
        new FacilityIndex(List.of(facility("all", "All", "AOBA", 3, Capability.values())));
    CandidateList list =
        Candidates.find(index, "AOBA", List.of(SupportNeed.PSYCHIATRIC_CARE), false);
    assertThat(list.candidates()).isEmpty();
    assertThat(list.uncoveredNeeds()).containsExactly(SupportNeed.PSYCHIATRIC_CARE);
  }

  @Test
  void a_child_needs_a_facility_that_takes_children() {
    FacilityIndex index =
        new FacilityIndex(
            List.of(
                facility("adult", "Adult", "AOBA", 2),
                facility("kids", "Kids", "AOBA", 1, Capability.CHILD)));
    CandidateList list = Candidates.find(index, "AOBA", List.of(), true);
    assertThat(ids(list)).containsExactly("kids");
    assertThat(list.candidates().get(0).matches())
        .containsExactly(new Match("CHILD", Capability.CHILD));
  }

  @Test
  void the_index_keeps_one_entry_per_facility_with_its_latest_state() {
    var views = new jp.coordination.query.TestEvents();
    var registered =
        (jp.coordination.query.views.FacilityView)
            jp.coordination.query.views.Views.evolve(
                null, views.facilityRegistered("f", "AOBA", 3, java.time.Instant.now()));
    var declared =
        (jp.coordination.query.views.FacilityView)
            jp.coordination.query.views.Views.evolve(
                registered, views.facilityDeclared("f", "AOBA", 0, java.time.Instant.now()));
    FacilityIndex index = FacilityIndex.EMPTY.with(registered).with(declared);
    assertThat(index.facilities()).hasSize(1);
    assertThat(index.facilities().get(0).availableBeds()).isZero();
  }
}
