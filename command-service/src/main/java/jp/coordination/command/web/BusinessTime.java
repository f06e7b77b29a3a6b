package jp.coordination.command.web;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import jp.coordination.platform.problem.InvalidFieldException;
import jp.coordination.platform.problem.ProblemText;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Turns a request's {@code at} into the business time of its events: the given instant, or now, and
 * keeps every business time of a request ({@code at}, {@code consentAt}) in the documented range:
 * from the start of fiscal year 2000 (2000-04-01T00:00+09:00) to the present plus 5 minutes.
 *
 * <p>Times somewhat ahead of the server are tolerated because clients' clocks drift; beyond that a
 * future time is a mistake that would put events into the wrong dashboard hour or fiscal year. The
 * lower bound is before any record of the hub (the network began in the 2000s) and keeps years the
 * calendar, the statistics and MongoDB's dates cannot all represent out of the record: one such
 * event once stopped every projection.
 */
@Component
public class BusinessTime {
  /** How far ahead of the server's clock a business time may be. */
  public static final Duration MAX_AHEAD = Duration.ofMinutes(5);

  /** The earliest business time accepted: the start of fiscal year 2000 in Japan. */
  public static final Instant EARLIEST =
      OffsetDateTime.parse("2000-04-01T00:00:00+09:00").toInstant();

  private static final ProblemText RANGE =
      ProblemText.of("field.business-time-range", String.valueOf(MAX_AHEAD.toMinutes()));

  private final Clock clock;

  public BusinessTime(ObjectProvider<Clock> clock) {
    this.clock = clock.getIfAvailable(Clock::systemUTC);
  }

  /**
   * The business time of {@code at} (ISO-8601 with offset), or now when it is absent; truncated to
   * milliseconds, the precision the event contract promises (MongoDB dates hold no more).
   */
  public Instant resolve(String at) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    if (at == null) {
      return now;
    }
    Instant given;
    try {
      given = OffsetDateTime.parse(at).toInstant();
    } catch (DateTimeException e) {
      // Unparseable text, and also a parseable time beyond what an Instant holds (year +999999999
      // at -18:00).
      throw new InvalidFieldException(
          "at", ProblemText.of("field.time-with-offset-example", "2026-04-01T09:30:00+09:00"));
    }
    return inRange("at", given, now).truncatedTo(ChronoUnit.MILLIS);
  }

  /**
   * Checks another business time of a request, such as {@code consentAt}, against the same range.
   *
   * @throws InvalidFieldException naming {@code field} when the time is outside the range
   */
  public Instant requireInRange(String field, OffsetDateTime time) {
    Instant instant;
    try {
      instant = time.toInstant();
    } catch (DateTimeException e) {
      throw new InvalidFieldException(field, RANGE);
    }
    return inRange(field, instant, clock.instant());
  }

  private static Instant inRange(String field, Instant time, Instant now) {
    if (time.isBefore(EARLIEST) || time.isAfter(now.plus(MAX_AHEAD))) {
      throw new InvalidFieldException(field, RANGE);
    }
    return time;
  }
}
