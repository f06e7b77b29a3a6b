package jp.coordination.query.drilldown;

import static jp.coordination.query.TestEvents.jst;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import jp.coordination.events.envelope.EventEnvelope;
import jp.coordination.events.intake.DeclineReason;
import jp.coordination.events.intake.EmergencyIntakeDeclined;
import jp.coordination.query.TestEvents;
import org.junit.jupiter.api.Test;

class DrillDownTest {

  private final TestEvents events = new TestEvents();

  @Test
  void two_declines_of_one_intake_in_the_same_minute_are_each_listed_under_their_own_reason() {
    EventEnvelope requested = events.intakeRequested("i1", "AOBA", jst("2025-06-02T19:00"));
    EventEnvelope noBed =
        events.wrap(
            new EmergencyIntakeDeclined("i1", "AOBA", "f1", DeclineReason.NO_BED),
            jst("2025-06-02T19:10"));
    EventEnvelope noStaff =
        events.wrap(
            new EmergencyIntakeDeclined("i1", "AOBA", "f2", DeclineReason.STAFF_SHORTAGE),
            jst("2025-06-02T19:10"));
    List<EventEnvelope> log = List.of(requested, noBed, noStaff, noBed); // one re-published copy
    DrillDown drillDown =
        new DrillDown(
            () -> DrillDownProperties.source(log),
            DrillDownProperties.REGION,
            DrillDownProperties.CALENDAR,
            DrillDownProperties.PSEUDONYMS);

    List<DrillDown.Listed> listed = drillDown.events(2025, "AOBA", "declinesByReason.NO_BED");

    assertThat(listed)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.sequence()).isEqualTo(noBed.sequence());
              assertThat(e.type()).isEqualTo("EmergencyIntakeDeclined");
              assertThat(e.aggregateType()).isEqualTo("EmergencyIntake");
              assertThat(e.pseudonym())
                  .isEqualTo(DrillDownProperties.PSEUDONYMS.of("EmergencyIntake", "i1"));
              assertThat(e.recordedAt()).isEqualTo(noBed.recordedAt());
            });
    assertThat(drillDown.events(2025, "AOBA", "declinesByReason.STAFF_SHORTAGE"))
        .singleElement()
        .satisfies(e -> assertThat(e.sequence()).isEqualTo(noStaff.sequence()));
    assertThat(drillDown.events(2025, null, "intakesRequested")).hasSize(1);
    assertThat(drillDown.events(2025, "IZUMI", "intakesRequested")).isEmpty();
  }
}
