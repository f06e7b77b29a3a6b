package jp.coordination.command.household;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import jp.coordination.command.eventstore.CommandMetadata;
import jp.coordination.command.eventstore.StoredCommand;
import jp.coordination.command.eventstore.StreamScope;
import jp.coordination.command.personaldata.ErasureSchedule.Entry;
import jp.coordination.command.personaldata.ErasureSchedule.Requester;
import jp.coordination.command.personaldata.ErasureSchedule.Trigger;
import jp.coordination.command.personaldata.InMemoryErasureSchedule;
import jp.coordination.command.personaldata.InMemoryHouseholdKeys;
import jp.coordination.command.rules.RuleBrokenException;
import jp.coordination.command.web.CommandApiTestSupport;
import jp.coordination.command.web.CommandWebTestConfiguration;
import jp.coordination.events.AggregateType;
import org.axonframework.commandhandling.CommandMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The retention sweeper over the erasure schedule: erases what is due and stored, drops what never
 * happened.
 */
class PersonalDataRetentionJobTest extends CommandApiTestSupport {
  private static final String H = "6f1c2a52-5d0e-4c41-9d7e-0d6f3c1b2a10";
  private static final String DEREGISTRATION = "9a9b9c9d-0000-4000-8000-000000000001";
  private static final Instant NOW = CommandWebTestConfiguration.NOW;
  private static final String ERASURE_REQUEST = "c0ffee00-0000-4000-8000-000000000001";
  private static final Requester AOBA_COORDINATOR =
      new Requester("aoba-coordinator", List.of("ROLE_COORDINATOR", "WARD:AOBA"));

  @Autowired PersonalDataRetentionJob job;
  @Autowired InMemoryHouseholdKeys keys;
  @Autowired InMemoryErasureSchedule schedule;

  @BeforeEach
  void empty() {
    keys.clear();
    schedule.clear();
    keys.keyFor(H);
    stored(H, AggregateType.HOUSEHOLD, "IZUMI");
  }

  private void deregistrationStored() {
    given(eventStreams.findCommand(H, DEREGISTRATION))
        .willReturn(Optional.of(new StoredCommand(AggregateType.HOUSEHOLD, H, "hash", 3, false)));
  }

  @Test
  void
      a_due_entry_of_a_stored_deregistration_destroys_the_key_and_records_the_erasure_as_the_system() {
    deregistrationStored();
    schedule.put(
        new Entry(
            H,
            Trigger.DEREGISTRATION,
            DEREGISTRATION,
            NOW.minusSeconds(1),
            NOW.minus(Duration.ofDays(1826))));
    given(commandGateway.sendAndWait(any())).willReturn(4L);

    assertThat(job.sweep()).isEqualTo(1);

    assertThat(keys.destroyed(H)).isTrue();
    assertThat(schedule.all()).isEmpty();
    ArgumentCaptor<CommandMessage<?>> sent = ArgumentCaptor.forClass(CommandMessage.class);
    then(commandGateway).should().sendAndWait(sent.capture());
    assertThat(sent.getValue().getPayload()).isEqualTo(new EraseHouseholdPersonalData(H));
    assertThat(
            sent.getValue()
                .getMetaData()
                .get(jp.coordination.command.eventstore.CommandMetadata.ACTOR))
        .isEqualTo(PersonalDataRetentionJob.ACTOR);
  }

  @Test
  void
      a_deregistration_a_stale_cache_does_not_show_is_looked_up_in_mongodb_before_the_entry_is_dropped() {
    // Another instance stored the deregistration; this instance's cached stream does not have it
    // yet.
    given(eventStreams.findCommand(H, DEREGISTRATION))
        .willReturn(Optional.empty())
        .willReturn(Optional.of(new StoredCommand(AggregateType.HOUSEHOLD, H, "hash", 3, false)));
    schedule.put(
        new Entry(
            H,
            Trigger.DEREGISTRATION,
            DEREGISTRATION,
            NOW.minusSeconds(1),
            NOW.minus(Duration.ofDays(1826))));
    given(commandGateway.sendAndWait(any())).willReturn(4L);

    assertThat(job.sweep()).isEqualTo(1);

    // The "no" is asked again after dropping the cached stream (the erasure then reads the ward
    // afresh too).
    org.mockito.InOrder order = org.mockito.Mockito.inOrder(eventStreams);
    order.verify(eventStreams).findCommand(H, DEREGISTRATION);
    order.verify(eventStreams).forget(H);
    order.verify(eventStreams).findCommand(H, DEREGISTRATION);
    assertThat(keys.destroyed(H)).isTrue();
  }

  @Test
  void an_entry_not_yet_due_is_left_alone() {
    deregistrationStored();
    schedule.put(
        new Entry(
            H,
            Trigger.DEREGISTRATION,
            DEREGISTRATION,
            NOW.plusSeconds(60),
            NOW.minusSeconds(3600)));
    assertThat(job.sweep()).isZero();
    assertThat(keys.destroyed(H)).isFalse();
    assertThat(schedule.all()).hasSize(1);
  }

  @Test
  void
      an_entry_whose_deregistration_was_never_stored_is_dropped_after_the_grace_period_without_erasing() {
    schedule.put(new Entry(H, Trigger.DEREGISTRATION, DEREGISTRATION, NOW, NOW.minusSeconds(3600)));
    assertThat(job.sweep()).isZero();
    assertThat(keys.destroyed(H)).isFalse();
    assertThat(schedule.all()).isEmpty();
    then(commandGateway).should(never()).sendAndWait(any());
  }

  @Test
  void a_fresh_entry_whose_deregistration_is_still_running_is_kept() {
    schedule.put(new Entry(H, Trigger.DEREGISTRATION, DEREGISTRATION, NOW, NOW));
    assertThat(job.sweep()).isZero();
    assertThat(schedule.all()).hasSize(1);
  }

  @Test
  void an_already_recorded_erasure_counts_as_done() {
    deregistrationStored();
    schedule.put(
        new Entry(
            H,
            Trigger.DEREGISTRATION,
            DEREGISTRATION,
            NOW.minusSeconds(1),
            NOW.minusSeconds(3600)));
    given(commandGateway.sendAndWait(any())).willThrow(new RuleBrokenException("already erased"));
    assertThat(job.sweep()).isZero();
    assertThat(keys.destroyed(H)).isTrue();
    assertThat(schedule.all()).isEmpty();
  }

  @Test
  void a_half_done_erasure_request_is_finished() {
    keys.destroy(H, NOW.minusSeconds(600));
    schedule.put(
        new Entry(
            H,
            Trigger.ERASURE,
            "c0ffee00-0000-4000-8000-000000000001",
            NOW.minusSeconds(600),
            NOW.minusSeconds(600)));
    given(commandGateway.sendAndWait(any())).willReturn(4L);
    assertThat(job.sweep()).isEqualTo(1);
    assertThat(schedule.all()).isEmpty();
  }

  @Test
  void a_half_done_erasure_is_recorded_in_the_name_of_the_coordinator_who_asked_for_it() {
    stored(H, AggregateType.HOUSEHOLD, "AOBA");
    keys.destroy(H, NOW.minusSeconds(600));
    schedule.put(
        new Entry(
            H,
            Trigger.ERASURE,
            ERASURE_REQUEST,
            NOW.minusSeconds(600),
            NOW.minusSeconds(600),
            AOBA_COORDINATOR));
    given(commandGateway.sendAndWait(any())).willReturn(4L);

    assertThat(job.sweep()).isEqualTo(1);

    CommandMessage<?> sent = sentCommand();
    assertThat(sent.getPayload()).isEqualTo(new EraseHouseholdPersonalData(H));
    assertThat(sent.getMetaData().get(CommandMetadata.ACTOR)).isEqualTo("aoba-coordinator");
    assertThat(sent.getMetaData().get(CommandMetadata.ROLE)).isEqualTo("COORDINATOR");
    assertThat(schedule.all()).isEmpty();
  }

  @Test
  void
      a_consent_withdrawal_the_request_could_not_finish_is_erased_in_the_name_of_who_withdrew_it() {
    stored(H, AggregateType.HOUSEHOLD, "AOBA");
    deregistrationStored();
    schedule.put(
        new Entry(
            H,
            Trigger.DEREGISTRATION,
            DEREGISTRATION,
            NOW.minusSeconds(600),
            NOW.minusSeconds(600),
            AOBA_COORDINATOR));
    given(commandGateway.sendAndWait(any())).willReturn(4L);

    assertThat(job.sweep()).isEqualTo(1);

    assertThat(keys.destroyed(H)).isTrue();
    assertThat(sentCommand().getMetaData().get(CommandMetadata.ACTOR))
        .isEqualTo("aoba-coordinator");
  }

  @Test
  void a_half_done_erasure_of_a_household_now_outside_the_requesters_wards_destroys_nothing() {
    // Asked for while the household was in AOBA; MongoDB now has it in IZUMI (moved by another
    // instance).
    staleCache(
        H,
        new StreamScope(AggregateType.HOUSEHOLD, "AOBA", 1),
        new StreamScope(AggregateType.HOUSEHOLD, "IZUMI", 2));
    schedule.put(
        new Entry(
            H,
            Trigger.ERASURE,
            ERASURE_REQUEST,
            NOW.minusSeconds(600),
            NOW.minusSeconds(600),
            AOBA_COORDINATOR));
    given(commandGateway.sendAndWait(any())).willReturn(4L);

    assertThat(job.sweep()).isZero();

    assertThat(keys.destroyed(H)).isFalse();
    then(commandGateway).should(never()).sendAndWait(any());
    assertThat(schedule.all()).as("a refused erasure is not retried forever").isEmpty();
  }

  @Test
  void
      a_key_already_destroyed_is_recorded_as_erased_even_if_the_household_moved_out_of_the_requesters_wards_since() {
    stored(H, AggregateType.HOUSEHOLD, "IZUMI");
    keys.destroy(H, NOW.minusSeconds(600));
    schedule.put(
        new Entry(
            H,
            Trigger.ERASURE,
            ERASURE_REQUEST,
            NOW.minusSeconds(600),
            NOW.minusSeconds(600),
            AOBA_COORDINATOR));
    given(commandGateway.sendAndWait(any())).willReturn(4L);

    assertThat(job.sweep()).isEqualTo(1);

    assertThat(sentCommand().getMetaData().get(CommandMetadata.ACTOR))
        .isEqualTo("aoba-coordinator");
  }

  private CommandMessage<?> sentCommand() {
    ArgumentCaptor<CommandMessage<?>> sent = ArgumentCaptor.forClass(CommandMessage.class);
    then(commandGateway).should().sendAndWait(sent.capture());
    return sent.getValue();
  }
}
