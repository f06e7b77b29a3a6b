package jp.coordination.command.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeParseException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Turns a request's {@code at} into the business time of its events: the given instant, or now.
 * Times somewhat ahead of the server are tolerated because clients' clocks drift; beyond that a
 * future time is a mistake that would put events into the wrong dashboard hour or fiscal year.
 */
@Component
public class BusinessTime {
  /** How far ahead of the server's clock a business time may be. */
  public static final Duration MAX_AHEAD = Duration.ofMinutes(5);

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
    } catch (DateTimeParseException e) {
      throw new InvalidFieldException("at", "must be an ISO-8601 time with offset, e.g. 2026-04-01T09:30:00+09:00");
    }
    if (given.isAfter(now.plus(MAX_AHEAD))) {
      throw new InvalidFieldException("at", "must not be more than 5 minutes in the future");
    }
    return given.truncatedTo(ChronoUnit.MILLIS);
  }
}
