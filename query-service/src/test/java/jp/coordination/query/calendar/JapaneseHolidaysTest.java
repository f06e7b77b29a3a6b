package jp.coordination.query.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class JapaneseHolidaysTest {

  /**
   * The Cabinet Office's list 2000–2027 and its projection by the law to 2050 (see the file's
   * header).
   */
  private static SortedMap<LocalDate, String> reference() throws IOException {
    TreeMap<LocalDate, String> days = new TreeMap<>();
    try (InputStream in =
        JapaneseHolidaysTest.class.getResourceAsStream("/holidays/reference-2000-2050.tsv")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          String[] fields = line.split("\t");
          days.put(LocalDate.parse(fields[0]), fields[1]);
        }
      }
    }
    return days;
  }

  @Test
  void every_year_from_2000_to_2050_has_exactly_the_holidays_of_the_published_list()
      throws IOException {
    SortedMap<LocalDate, String> reference = reference();
    assertThat(reference).hasSize(895);
    assertThat(JapaneseHolidays.between(2000, 2050).keySet())
        .containsExactlyElementsOf(reference.keySet());
  }

  @Test
  void each_holiday_has_its_name_in_the_law() throws IOException {
    SortedMap<LocalDate, String> ours = JapaneseHolidays.between(2000, 2050);
    for (Map.Entry<LocalDate, String> entry : reference().entrySet()) {
      String theirs = entry.getValue();
      String expected = theirs.endsWith(" 振替休日") ? "振替休日" : theirs.equals("休日") ? "国民の休日" : theirs;
      if (!theirs.contains("（")) { // the list's own labels for the 2019 days, checked below
        assertThat(ours.get(entry.getKey())).as(entry.getKey().toString()).isEqualTo(expected);
      }
    }
  }

  @Test
  void the_accession_of_2019_made_a_ten_day_run_with_two_citizens_holidays() {
    SortedMap<LocalDate, String> year = JapaneseHolidays.of(2019);
    assertThat(year.subMap(LocalDate.of(2019, 4, 27), LocalDate.of(2019, 5, 7)))
        .containsEntry(LocalDate.of(2019, 4, 29), "昭和の日")
        .containsEntry(LocalDate.of(2019, 4, 30), "国民の休日")
        .containsEntry(LocalDate.of(2019, 5, 1), "天皇の即位の日")
        .containsEntry(LocalDate.of(2019, 5, 2), "国民の休日")
        .containsEntry(LocalDate.of(2019, 5, 6), "振替休日");
    assertThat(year).containsEntry(LocalDate.of(2019, 10, 22), "即位礼正殿の儀の行われる日");
    assertThat(year).doesNotContainValue("天皇誕生日");
  }

  @Test
  void the_olympic_years_moved_marine_sports_and_mountain_days() {
    assertThat(JapaneseHolidays.of(2020))
        .containsEntry(LocalDate.of(2020, 7, 23), "海の日")
        .containsEntry(LocalDate.of(2020, 7, 24), "スポーツの日")
        .containsEntry(LocalDate.of(2020, 8, 10), "山の日")
        .doesNotContainKey(LocalDate.of(2020, 10, 12));
    assertThat(JapaneseHolidays.of(2021))
        .containsEntry(LocalDate.of(2021, 7, 22), "海の日")
        .containsEntry(LocalDate.of(2021, 7, 23), "スポーツの日")
        .containsEntry(LocalDate.of(2021, 8, 8), "山の日")
        .containsEntry(LocalDate.of(2021, 8, 9), "振替休日");
  }

  @Test
  void since_2007_a_sunday_holiday_moves_past_the_following_holidays() {
    // 2009: 3 May is a Sunday; 4 and 5 May are holidays themselves, so the substitute is 6 May.
    assertThat(JapaneseHolidays.of(2009)).containsEntry(LocalDate.of(2009, 5, 6), "振替休日");
  }

  @Test
  void a_weekday_between_respect_for_the_aged_day_and_the_autumn_equinox_is_a_citizens_holiday() {
    assertThat(JapaneseHolidays.of(2026)).containsEntry(LocalDate.of(2026, 9, 22), "国民の休日");
    assertThat(JapaneseHolidays.of(2032)).containsEntry(LocalDate.of(2032, 9, 21), "国民の休日");
  }

  @Test
  void the_equinox_formula_gives_the_almanac_days() {
    assertThat(JapaneseHolidays.of(2025)).containsEntry(LocalDate.of(2025, 3, 20), "春分の日");
    assertThat(JapaneseHolidays.of(2025)).containsEntry(LocalDate.of(2025, 9, 23), "秋分の日");
    assertThat(JapaneseHolidays.of(2099))
        .containsEntry(LocalDate.of(2099, 3, 20), "春分の日")
        .containsEntry(LocalDate.of(2099, 9, 23), "秋分の日");
  }

  @Test
  void years_outside_2000_to_2099_are_refused_rather_than_guessed() {
    assertThatThrownBy(() -> JapaneseHolidays.of(1999)).hasMessageContaining("2000 to 2099");
    assertThatThrownBy(() -> JapaneseHolidays.of(2100)).hasMessageContaining("2000 to 2099");
  }
}
