package jp.coordination.query.statistics;

import static jp.coordination.query.TestEvents.jst;
import static jp.coordination.query.statistics.StatisticsCalculatorTest.CALENDAR;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import jp.coordination.events.experiencestay.ExperienceStayArranged;
import jp.coordination.events.experiencestay.ExperienceStayKind;
import jp.coordination.events.region.Region;
import jp.coordination.query.TestEvents;
import jp.coordination.query.evaluation.ReplayFold;
import org.junit.jupiter.api.Test;

/** A wide-area region (広域設置): towns are the units, named and labelled as its region file says. */
class WideAreaRegionTest {

  private static final Region SENNAN = Region.load("regions/sennan.json");
  private final TestEvents events = new TestEvents();

  @Test
  void the_towns_of_the_region_file_are_the_units_and_the_csv_calls_them_municipalities() {
    assertThat(SENNAN.unit().ja()).isEqualTo("市町村");
    assertThat(SENNAN.wardCodes()).hasSize(9).startsWith("SHIROISHI", "KAKUDA");
    ReplayFold fold = new ReplayFold(null);
    fold.accept(events.householdRegistered("h1", "SHIROISHI", jst("2026-05-01T10:00")));
    fold.accept(events.intakeRequested("i1", "ZAO", jst("2026-05-02T22:00")));
    fold.accept(
        events.wrap(
            new ExperienceStayArranged(
                "s1",
                "MARUMORI",
                ExperienceStayKind.GROUP_HOME_TRIAL,
                null,
                null,
                LocalDate.of(2026, 6, 1),
                LocalDate.of(2026, 6, 3)),
            jst("2026-05-03T10:00")));
    // An event for a Sendai ward is not the region's: it counts nowhere.
    fold.accept(events.householdRegistered("h2", "AOBA", jst("2026-05-01T10:00")));

    FiscalYearStatistics s = fold.statistics(2026, SENNAN, CALENDAR);
    assertThat(s.region()).isEqualTo("sennan");
    assertThat(List.copyOf(s.wards().keySet())).isEqualTo(SENNAN.wardCodes());
    assertThat(s.wards().get("SHIROISHI").householdsRegistered()).isEqualTo(1);
    assertThat(s.wards().get("ZAO").intakesRequested()).isEqualTo(1);
    assertThat(s.wards().get("MARUMORI").experienceStays().arranged()).isEqualTo(1);
    assertThat(s.total().householdsRegistered()).isEqualTo(1);

    String csv = new String(StatisticsFormats.csv(s, SENNAN), StandardCharsets.UTF_8);
    List<String> lines = csv.lines().toList();
    assertThat(lines.get(0)).startsWith("\uFEFF年度,市町村,");
    assertThat(lines.get(1)).startsWith("2026,白石市,1,1,0,");
    assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("2026,七ヶ宿町,"));
    assertThat(lines.get(10)).startsWith("2026,合計,1,1,1,");
  }

  @Test
  void a_city_region_file_without_a_unit_calls_its_units_wards() {
    assertThat(Region.load(null).unit()).isEqualTo(Region.WARD_UNIT);
    assertThat(Region.load(null).unit().ja()).isEqualTo("区");
  }
}
