package jp.coordination.command.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import jp.coordination.platform.problem.InvalidFieldException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

class BusinessTimeTest {
  private static final Instant NOW = Instant.parse("2026-06-02T03:00:00Z");

  private final BusinessTime businessTime = new BusinessTime(clockProvider());

  private static org.springframework.beans.factory.ObjectProvider<Clock> clockProvider() {
    StaticListableBeanFactory beans = new StaticListableBeanFactory();
    beans.addBean("clock", Clock.fixed(NOW, ZoneOffset.UTC));
    return beans.getBeanProvider(Clock.class);
  }

  @Test
  void absent_business_time_is_now() {
    assertThat(businessTime.resolve(null)).isEqualTo(NOW);
  }

  @Test
  void business_time_keeps_the_instant_of_its_offset() {
    assertThat(businessTime.resolve("2026-03-31T23:59:00+09:00"))
        .isEqualTo(Instant.parse("2026-03-31T14:59:00Z"));
  }

  @Test
  void business_time_exactly_5_minutes_ahead_is_accepted() {
    assertThat(businessTime.resolve("2026-06-02T12:05:00+09:00")).isEqualTo(NOW.plusSeconds(300));
  }

  @Test
  void business_time_more_than_5_minutes_ahead_is_refused_naming_at() {
    assertThatThrownBy(() -> businessTime.resolve("2026-06-02T03:05:01Z"))
        .isInstanceOfSatisfying(
            InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("at"));
  }

  @Test
  void business_time_before_the_start_of_fiscal_year_2000_in_japan_is_refused_naming_at() {
    assertThat(businessTime.resolve("2000-04-01T00:00:00+09:00"))
        .isEqualTo(Instant.parse("2000-03-31T15:00:00Z"));
    assertThatThrownBy(() -> businessTime.resolve("2000-03-31T14:59:59.999Z"))
        .isInstanceOfSatisfying(
            InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("at"));
  }

  @Test
  void a_time_beyond_what_an_instant_holds_is_refused_naming_at_not_failing() {
    assertThatThrownBy(() -> businessTime.resolve("+999999999-12-31T23:59:59-18:00"))
        .isInstanceOfSatisfying(
            InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("at"));
  }

  @Test
  void other_business_times_of_a_request_are_checked_against_the_same_range_naming_their_field() {
    assertThat(
            businessTime.requireInRange(
                "consentAt", java.time.OffsetDateTime.parse("2026-06-02T12:05:00+09:00")))
        .isEqualTo(NOW.plusSeconds(300));
    for (String outside : new String[] {"2000-03-31T23:59:59+09:00", "2026-06-02T12:05:01+09:00"}) {
      assertThatThrownBy(
              () ->
                  businessTime.requireInRange("consentAt", java.time.OffsetDateTime.parse(outside)))
          .isInstanceOfSatisfying(
              InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("consentAt"));
    }
  }

  @Test
  void business_time_without_offset_is_refused_naming_at() {
    assertThatThrownBy(() -> businessTime.resolve("2026-06-02T03:00:00"))
        .isInstanceOfSatisfying(
            InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("at"));
  }

  @Test
  void business_time_is_kept_to_the_millisecond_the_contract_promises() {
    Instant precise = Instant.parse("2026-06-02T02:59:58.123456789Z");
    BusinessTime atPreciseNow =
        new BusinessTime(
            new StaticListableBeanFactory(
                    java.util.Map.of("clock", Clock.fixed(precise, ZoneOffset.UTC)))
                .getBeanProvider(Clock.class));
    assertThat(atPreciseNow.resolve(null)).isEqualTo(Instant.parse("2026-06-02T02:59:58.123Z"));
    assertThat(businessTime.resolve("2026-06-02T11:00:00.987654+09:00"))
        .isEqualTo(Instant.parse("2026-06-02T02:00:00.987Z"));
  }
}
