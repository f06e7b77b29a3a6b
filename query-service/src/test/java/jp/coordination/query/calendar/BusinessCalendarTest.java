package jp.coordination.query.calendar;

import static jp.coordination.query.TestEvents.jst;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class BusinessCalendarTest {

  private final BusinessCalendar calendar =
      BusinessCalendar.tokyo(Holidays.load(Holidays.DEFAULT_RESOURCE).dates());

  @Test
  void event_at_235959_on_31_march_jst_counts_for_the_old_fiscal_year() {
    assertThat(calendar.fiscalYearOf(jst("2026-03-31T23:59:59"))).isEqualTo(2025);
  }

  @Test
  void event_at_0000_on_1_april_jst_counts_for_the_new_fiscal_year() {
    assertThat(calendar.fiscalYearOf(jst("2026-04-01T00:00:00"))).isEqualTo(2026);
  }

  @Test
  void the_fiscal_year_turns_over_by_tokyo_time_while_utc_is_still_on_31_march() {
    assertThat(calendar.fiscalYearOf(Instant.parse("2026-03-31T15:00:00Z"))).isEqualTo(2026);
    assertThat(calendar.fiscalYearOf(Instant.parse("2026-03-31T14:59:59Z"))).isEqualTo(2025);
  }

  @Test
  void january_belongs_to_the_fiscal_year_that_began_the_april_before() {
    assertThat(calendar.fiscalYearOf(jst("2027-01-15T12:00"))).isEqualTo(2026);
  }

  @Test
  void saturday_and_sunday_are_out_of_hours_all_day() {
    assertThat(calendar.isOutOfHours(jst("2026-11-21T12:00"))).isTrue(); // Saturday
    assertThat(calendar.isOutOfHours(jst("2026-11-22T10:00"))).isTrue(); // Sunday
  }

  @Test
  void a_public_holiday_on_a_weekday_is_out_of_hours_all_day() {
    assertThat(calendar.isOutOfHours(jst("2024-02-12T12:00"))).isTrue(); // 振替休日, Monday
    assertThat(calendar.isOutOfHours(jst("2026-09-22T12:00"))).isTrue(); // 国民の休日, Tuesday
  }

  @Test
  void a_weekday_is_in_hours_from_0900_inclusive_to_1800_exclusive() {
    assertThat(calendar.isOutOfHours(jst("2026-11-24T08:59:59"))).isTrue();
    assertThat(calendar.isOutOfHours(jst("2026-11-24T09:00:00"))).isFalse();
    assertThat(calendar.isOutOfHours(jst("2026-11-24T17:59:59"))).isFalse();
    assertThat(calendar.isOutOfHours(jst("2026-11-24T18:00:00"))).isTrue();
    assertThat(calendar.isOutOfHours(jst("2026-11-24T23:30:00"))).isTrue();
  }

  @Test
  void office_hours_are_tokyo_hours_not_utc_hours() {
    // 09:30 JST on a Tuesday is 00:30 UTC: in hours.
    assertThat(calendar.isOutOfHours(Instant.parse("2026-11-24T00:30:00Z"))).isFalse();
  }

  @Test
  void the_shipped_list_has_the_substitute_and_citizens_holidays() {
    assertThat(calendar.holidays())
        .contains(
            LocalDate.parse("2024-02-12"),
            LocalDate.parse("2024-05-06"),
            LocalDate.parse("2024-08-12"),
            LocalDate.parse("2024-09-23"),
            LocalDate.parse("2024-11-04"),
            LocalDate.parse("2025-02-24"),
            LocalDate.parse("2025-05-06"),
            LocalDate.parse("2025-11-24"),
            LocalDate.parse("2026-05-06"),
            LocalDate.parse("2026-09-22"),
            LocalDate.parse("2027-03-22"))
        .doesNotContain(LocalDate.parse("2026-09-24"), LocalDate.parse("2025-09-22"));
  }

  @Test
  void every_substitute_holiday_follows_an_unbroken_run_of_holidays_back_to_a_sunday() {
    List<Holidays.Holiday> list = Holidays.load(Holidays.DEFAULT_RESOURCE).holidays();
    assertThat(list.get(0).date()).isEqualTo(LocalDate.parse("2000-01-01"));
    assertThat(list.get(list.size() - 1).date()).isEqualTo(LocalDate.parse("2099-11-23"));
    assertThat(list).filteredOn(h -> h.name().equals("振替休日")).hasSizeGreaterThan(150);
    for (Holidays.Holiday holiday : list) {
      if (holiday.name().equals("振替休日")) {
        LocalDate day = holiday.date().minusDays(1);
        while (day.getDayOfWeek() != DayOfWeek.SUNDAY) {
          assertThat(calendar.holidays()).as("day before %s", holiday.date()).contains(day);
          day = day.minusDays(1);
        }
        assertThat(calendar.holidays()).as("Sunday before %s", holiday.date()).contains(day);
      }
    }
  }

  @Test
  void holidays_are_known_for_years_nobody_wrote_a_list_for() {
    // 2040-04-30: 昭和の日 falls on a Sunday, so Monday is a substitute holiday.
    assertThat(calendar.isOutOfHours(jst("2040-04-30T11:00"))).isTrue();
    assertThat(calendar.isOutOfHours(jst("2001-05-04T11:00"))).isTrue(); // 国民の休日 before みどりの日 moved
    assertThat(calendar.isOutOfHours(jst("2040-05-07T11:00"))).isFalse();
  }

  @Test
  void a_configured_list_adds_and_removes_days() {
    Holidays adjusted =
        Holidays.byLaw()
            .adjustedBy(
                Holidays.read(
                    stream(
                        """
                        {"_comment": "a one-off holiday, and an equinox the almanac moved",
                         "added": [{"date": "2030-06-03", "name": "特別な休日"}],
                         "removed": [{"date": "2030-03-20", "reason": "暦要項: 春分日 is 21 March"}]}
                        """)));
    BusinessCalendar adjustedCalendar = BusinessCalendar.tokyo(adjusted.dates());
    assertThat(adjustedCalendar.isOutOfHours(jst("2030-06-03T11:00"))).isTrue();
    assertThat(adjustedCalendar.isOutOfHours(jst("2030-03-20T11:00"))).isFalse();
    assertThat(calendar.isOutOfHours(jst("2030-06-03T11:00"))).isFalse();
    assertThat(calendar.isOutOfHours(jst("2030-03-20T11:00"))).isTrue();
  }

  @Test
  void a_list_written_as_every_holiday_still_loads_as_additions() {
    Holidays adjusted =
        Holidays.byLaw()
            .adjustedBy(
                Holidays.read(
                    stream("{\"holidays\": [{\"date\": \"2024-02-12\", \"name\": \"振替休日\"}]}")));
    assertThat(adjusted.dates()).isEqualTo(Holidays.byLaw().dates());
  }

  @Test
  void removing_a_day_that_is_no_holiday_is_refused_as_the_typo_it_is() {
    Holidays.Adjustments typo =
        Holidays.read(stream("{\"removed\": [{\"date\": \"2030-03-19\", \"reason\": \"x\"}]}"));
    assertThatThrownBy(() -> Holidays.byLaw().adjustedBy(typo))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2030-03-19");
  }

  @Test
  void an_unknown_key_in_the_list_fails_instead_of_being_ignored() {
    assertThatThrownBy(() -> Holidays.read(stream("{\"remove\": []}")))
        .hasMessageContaining("Cannot read holiday list");
  }

  private static InputStream stream(String json) {
    return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
  }
}
