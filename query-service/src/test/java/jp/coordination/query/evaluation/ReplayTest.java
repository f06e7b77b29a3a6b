package jp.coordination.query.evaluation;

import static jp.coordination.query.TestEvents.jst;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import jp.coordination.events.envelope.Envelopes;
import jp.coordination.events.envelope.EventEnvelope;
import jp.coordination.events.region.Region;
import jp.coordination.query.TestEvents;
import jp.coordination.query.calendar.BusinessCalendar;
import jp.coordination.query.calendar.Holidays;
import jp.coordination.query.statistics.FiscalYearStatistics;
import jp.coordination.query.statistics.StatisticsFormats;
import org.junit.jupiter.api.Test;

class ReplayTest {

  private static final BusinessCalendar CALENDAR =
      BusinessCalendar.tokyo(Holidays.load(Holidays.DEFAULT_RESOURCE).dates());
  private static final Region REGION = Region.load(null);
  private final TestEvents events = new TestEvents();

  private List<EventEnvelope> year() {
    List<EventEnvelope> log = new ArrayList<>();
    for (int n = 0; n < 30; n++) {
      String ward = REGION.wardCodes().get(n % 5);
      Instant at = jst("2025-04-01T08:00").plusSeconds(n * 86_400L * 7 + n * 3_001L);
      log.add(events.householdRegistered("h" + n, ward, at));
      log.add(events.intakeRequested("i" + n, ward, at.plusSeconds(3600)));
      if (n % 3 != 0) {
        log.add(events.intakePlaced("i" + n, ward, "f1", at.plusSeconds(3600 + n * 977L)));
      }
      log.add(events.coSupportOpened("c" + n, ward, at));
      if (n % 2 == 0) {
        log.add(events.coSupportClosed("c" + n, ward, at.plusSeconds(n * 86_400L + 7)));
      }
    }
    return log;
  }

  private static FiscalYearStatistics replay(List<EventEnvelope> log, Instant cutoff) {
    ReplayFold fold = new ReplayFold(cutoff);
    log.forEach(fold::accept);
    return fold.statistics(2025, REGION, CALENDAR);
  }

  /** Another order of the same log: aggregates interleaved differently, each in its own order. */
  private static List<EventEnvelope> reinterleaved(List<EventEnvelope> log, long seed) {
    List<EventEnvelope> copy = new ArrayList<>(log);
    Collections.shuffle(copy, new Random(seed));
    copy.sort(
        java.util.Comparator.comparing(EventEnvelope::aggregateId)
            .thenComparingLong(EventEnvelope::sequence));
    return copy;
  }

  @Test
  void replaying_the_same_log_twice_gives_byte_identical_json_and_csv() {
    List<EventEnvelope> log = year();
    FiscalYearStatistics first = replay(log, null);
    FiscalYearStatistics second = replay(reinterleaved(log, 7), null);
    assertThat(StatisticsFormats.json(second)).isEqualTo(StatisticsFormats.json(first));
    assertThat(StatisticsFormats.csv(second, REGION))
        .isEqualTo(StatisticsFormats.csv(first, REGION));
    assertThat(first.total().intakesRequested()).isEqualTo(30);
  }

  @Test
  void json_has_the_api_shape_in_a_fixed_key_order_with_fixed_number_formats() {
    String json = new String(StatisticsFormats.json(replay(year(), null)), StandardCharsets.UTF_8);
    assertThat(json)
        .startsWith(
            "{\"fiscalYear\":2025,\"region\":\""
                + REGION.code()
                + "\",\"wards\":{\"AOBA\":{\"householdsRegistered\":");
    assertThat(json)
        .contains("\"total\":{")
        .contains("\"placementRate\":0.6667")
        .containsPattern("\"medianHoursToPlacement\":\\d+\\.\\d\\d[,}]");
  }

  @Test
  void csv_opens_in_japanese_excel_bom_crlf_japanese_headers_kanji_wards_and_a_total_row() {
    byte[] csv = StatisticsFormats.csv(replay(year(), null), REGION);
    assertThat(csv).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
    String text = new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8);
    String[] lines = text.split("\r\n", -1);
    assertThat(lines)
        .hasSize(
            1 + 5 + 1 + 1); // header, five wards, total, and the empty rest after the last CRLF
    assertThat(lines[0]).startsWith("年度,区,").contains("受入れ率").contains("受入れ不可：空床なし");
    assertThat(lines[1]).startsWith("2025,青葉区,");
    assertThat(lines[5]).startsWith("2025,泉区,");
    assertThat(lines[6]).startsWith("2025,合計,30,30,30,");
    assertThat(text.replace("\r\n", "")).doesNotContain("\n");
    assertThat(lines[0].split(",")).hasSameSizeAs(lines[6].split(",", -1));
  }

  @Test
  void an_event_recorded_after_the_cutoff_does_not_count_though_its_business_time_is_in_the_year() {
    List<EventEnvelope> log = year();
    Instant cutoff = jst("2026-03-15T17:00");
    // A late entry: happened in February, recorded after the council's March meeting.
    log.add(
        Envelopes.wrap(
            new jp.coordination.events.intake.EmergencyIntakeRequested(
                "late", "AOBA", null, jp.coordination.events.intake.IntakeTrigger.OTHER, List.of()),
            null,
            0,
            jst("2026-02-10T10:00"),
            cutoff.plusSeconds(1),
            "coordinator",
            "COORDINATOR",
            null,
            null));
    log.add(
        Envelopes.wrap(
            new jp.coordination.events.intake.EmergencyIntakeRequested(
                "on-time",
                "AOBA",
                null,
                jp.coordination.events.intake.IntakeTrigger.OTHER,
                List.of()),
            null,
            0,
            jst("2026-02-10T10:00"),
            cutoff,
            "coordinator",
            "COORDINATOR",
            null,
            null));
    assertThat(replay(log, cutoff).total().intakesRequested()).isEqualTo(31);
    assertThat(replay(log, null).total().intakesRequested()).isEqualTo(32);
  }

  @Test
  void a_copy_of_an_event_read_again_later_counts_once() {
    List<EventEnvelope> log = year();
    List<EventEnvelope> withCopies = new ArrayList<>(log);
    withCopies.addAll(log.subList(0, 20));
    ReplayFold fold = new ReplayFold(null);
    withCopies.forEach(fold::accept);
    assertThat(fold.duplicatesSkipped()).isEqualTo(20);
    assertThat(StatisticsFormats.json(fold.statistics(2025, REGION, CALENDAR)))
        .isEqualTo(StatisticsFormats.json(replay(log, null)));
  }

  @Test
  void a_replay_completes_and_reports_the_events_it_could_not_fold_beside_the_result() {
    List<EventEnvelope> log = year();
    Instant extreme = java.time.OffsetDateTime.parse("-999999999-01-01T00:00:00+18:00").toInstant();
    EventEnvelope outOfRange =
        events.wrap(
            new jp.coordination.events.intake.EmergencyIntakeRequested(
                "i-extreme",
                "AOBA",
                null,
                jp.coordination.events.intake.IntakeTrigger.OTHER,
                List.of()),
            extreme,
            jst("2025-06-01T10:00"));
    EventEnvelope behindIt =
        events.intakePlaced("i-extreme", "AOBA", "f1", jst("2025-06-01T11:00"));
    List<EventEnvelope> poisoned = new ArrayList<>(log);
    poisoned.add(outOfRange);
    poisoned.add(behindIt);
    events.coSupportOpened(
        "c-gap", "AOBA", jst("2025-06-01T10:00")); // sequence 0, missing from the log
    EventEnvelope afterGap = events.coSupportClosed("c-gap", "AOBA", jst("2025-07-01T10:00"));
    poisoned.add(afterGap);
    EventSource source =
        new EventSource() {
          @Override
          public long readAll(
              java.util.function.Consumer<EventEnvelope> sink,
              java.util.function.Consumer<NotFolded> unreadable) {
            poisoned.forEach(sink);
            unreadable.accept(
                new NotFolded(
                    "t-0@7", null, "h-new", null, null, NotFolded.UNDECODABLE, "x.UnknownType"));
            return 1;
          }

          @Override
          public long count() {
            return poisoned.size() + 1;
          }

          @Override
          public String describe() {
            return "test log";
          }
        };

    Evaluation.Outcome outcome = Evaluation.run(source, 2025, null, REGION, CALENDAR, read -> {});

    assertThat(StatisticsFormats.json(outcome.statistics()))
        .isEqualTo(StatisticsFormats.json(replay(log, null)));
    assertThat(outcome.notFoldedCount()).isEqualTo(4);
    assertThat(outcome.notFolded())
        .extracting(NotFolded::aggregateId, NotFolded::sequence, NotFolded::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("i-extreme", 0L, NotFolded.EXCEPTION),
            org.assertj.core.groups.Tuple.tuple("i-extreme", 1L, NotFolded.BEHIND_NOT_FOLDED),
            org.assertj.core.groups.Tuple.tuple("c-gap", 1L, NotFolded.GAP),
            org.assertj.core.groups.Tuple.tuple("h-new", null, NotFolded.UNDECODABLE));
    assertThat(outcome.notFolded().get(0).detail()).startsWith("java.time.DateTimeException");
    assertThat(outcome.notFolded().get(0).eventId()).isEqualTo(outOfRange.eventId());
  }
}
