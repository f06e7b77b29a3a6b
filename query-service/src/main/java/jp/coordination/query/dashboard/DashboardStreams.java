package jp.coordination.query.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import jp.coordination.query.calendar.BusinessCalendar;
import jp.coordination.query.consumer.ProjectionStore;
import jp.coordination.query.dashboard.DashboardProjection.VersionedDashboard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Fans ward dashboards out to server-sent-event subscribers.
 *
 * <p>The consumer signals a written ward ({@link #wardChanged}); the ward is marked and one flush
 * is scheduled on a small shared scheduler, at most one per {@code coalesce} interval per ward, so
 * a burst of events becomes one message. A flush reads the ward's document once (by {@code _id})
 * and writes it to every subscriber of the ward. No thread is held per subscriber: Tomcat parks the
 * async requests, and the shared threads write.
 *
 * <p>A state is rendered to JSON once per (ward, fiscal year, document version) and shared: by the
 * subscribers of a flush, and by every subscriber that opens its stream while that version is
 * current, so many browsers opening at once cost one rendering, not one each. A rendering is shared
 * for less than {@link #SHARED_RENDERING_MAX_AGE} on the service's clock, so the {@code asOf} of a
 * first message is never older than that.
 *
 * <p>With several instances of the service, the consumer that writes a ward may run on another one.
 * So every {@code watch} interval each ward that has subscribers here is read once, and a version
 * newer than the last one pushed is pushed: a change made anywhere reaches every instance's
 * subscribers within that interval, and changes made here still go out at once. Reading is by
 * {@code _id}, one document per watched ward, whatever the number of subscribers.
 *
 * <p>The event id is the version of the ward's dashboard document, which grows by one with each
 * write: a subscriber is sent a state only if it is newer than the last one it got, and one that
 * reconnects with an older {@code Last-Event-ID} gets the current state at once.
 *
 * <p>Limits: one user may have {@code maxPerUser} streams open here at once (one more is refused
 * with {@link TooManyStreamsException}); a stream opened with a token ends when the token expires,
 * so a stream never outlives the credentials that opened it.
 */
public final class DashboardStreams implements DashboardListener, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DashboardStreams.class);
  static final String EVENT_NAME = "dashboard";

  /** Gauge: live dashboard streams (server-sent events) open on this instance. */
  public static final String OPEN_STREAMS_METER = "coordination.dashboard.streams.open";

  private static final long RECONNECT_MILLIS = 2_000;

  /**
   * How long a rendering is shared. The content depends only on the document version and the year;
   * only {@code asOf} ages, and a second is below what a reader takes from it.
   */
  static final Duration SHARED_RENDERING_MAX_AGE = Duration.ofSeconds(1);

  // Wards × fiscal years asked for × the versions current within a second: a few dozen at most.
  private static final int SHARED_RENDERINGS = 256;

  private final ProjectionStore store;
  private final BusinessCalendar calendar;
  private final Clock clock;
  private final ObjectMapper json;
  private final DashboardStreamProperties properties;
  private final ScheduledExecutorService scheduler;
  private final Map<String, Channel> channels = new ConcurrentHashMap<>();
  private final AtomicInteger subscribers = new AtomicInteger();
  // Open streams per user; an entry exists only while the user has one open.
  private final Map<String, Integer> openPerUser = new ConcurrentHashMap<>();
  private final Cache<Rendering, Shared> renderings;

  public DashboardStreams(
      ProjectionStore store,
      BusinessCalendar calendar,
      Clock clock,
      ObjectMapper json,
      DashboardStreamProperties properties) {
    this.store = store;
    this.calendar = calendar;
    this.clock = clock;
    this.json = json;
    this.properties = properties;
    this.renderings =
        Caffeine.newBuilder()
            .maximumSize(SHARED_RENDERINGS)
            // Evictions run on the calling thread: a few map operations, not worth a pool's
            // hand-off.
            .executor(Runnable::run)
            .build();
    AtomicInteger threads = new AtomicInteger();
    this.scheduler =
        Executors.newScheduledThreadPool(
            Math.max(1, properties.senderThreads()),
            r -> {
              Thread t = new Thread(r, "dashboard-stream-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    long tick = Math.max(50, properties.heartbeat().toMillis() / 3);
    scheduler.scheduleWithFixedDelay(this::heartbeat, tick, tick, TimeUnit.MILLISECONDS);
    Duration watch = properties.watch();
    if (watch != null && !watch.isZero() && !watch.isNegative()) {
      scheduler.scheduleWithFixedDelay(
          this::watch, watch.toMillis(), watch.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** How many connections are open now. */
  public int subscriberCount() {
    return subscribers.get();
  }

  /** Publishes {@link #subscriberCount()} as {@value #OPEN_STREAMS_METER}. */
  public DashboardStreams monitoredBy(MeterRegistry meters) {
    Gauge.builder(OPEN_STREAMS_METER, this, DashboardStreams::subscriberCount)
        .description("Live dashboard streams (server-sent events) open on this instance")
        .register(meters);
    return this;
  }

  /** How many streams this user has open now. */
  public int openStreamsOf(String user) {
    return openPerUser.getOrDefault(user, 0);
  }

  /**
   * Opens a stream of the ward's dashboard for the fiscal year {@code fiscalYear} (null: the year
   * of each message's {@code asOf}). Sends the current state unless {@code lastEventId} already is
   * the current version. The stream counts against the viewer's limit until it ends, and ends when
   * the viewer's credentials expire.
   *
   * @throws TooManyStreamsException when the viewer already has {@code maxPerUser} streams open
   */
  public SseEmitter subscribe(
      StreamViewer viewer, String ward, Integer fiscalYear, Long lastEventId) {
    return subscribe(
        viewer,
        ward,
        fiscalYear,
        lastEventId,
        () -> new SseEmitter(properties.timeout().toMillis()));
  }

  /** {@link #subscribe(StreamViewer, String, Integer, Long)} onto an emitter of the caller's. */
  SseEmitter subscribe(
      StreamViewer viewer,
      String ward,
      Integer fiscalYear,
      Long lastEventId,
      Supplier<SseEmitter> emitters) {
    if (!reserveStream(viewer.user())) {
      throw new TooManyStreamsException(properties.maxPerUser(), retryAfter());
    }
    SseEmitter emitter = emitters.get();
    Channel channel = channels.computeIfAbsent(ward, Channel::new);
    Subscriber subscriber =
        new Subscriber(emitter, fiscalYear, lastEventId == null ? -1 : lastEventId);
    // Registered before the first read: a change from now on reaches this subscriber, either in
    // the state read below or in a later flush (the version check drops the overlap).
    channel.subscribers.add(subscriber);
    subscribers.incrementAndGet();
    Runnable remove =
        () -> {
          if (channel.subscribers.remove(subscriber)) {
            subscribers.decrementAndGet();
            releaseStream(viewer.user());
            subscriber.cancelExpiry();
          }
        };
    subscriber.remove = remove;
    emitter.onCompletion(remove);
    emitter.onTimeout(remove);
    emitter.onError(e -> remove.run());
    if (viewer.expiresAt() != null) {
      long millis = Math.max(0, Duration.between(clock.instant(), viewer.expiresAt()).toMillis());
      subscriber.expiry = scheduler.schedule(subscriber::expire, millis, TimeUnit.MILLISECONDS);
    }
    try {
      VersionedDashboard current = DashboardProjection.versioned(store, ward);
      if (lastEventId == null || lastEventId != current.version()) {
        subscriber.send(
            current.version(), rendered(ward, current, fiscalYear, clock.instant()), true);
      } else {
        subscriber.comment("up to date");
      }
    } catch (RuntimeException e) {
      // No stream is handed out: it must not keep its place or its user's slot.
      remove.run();
      throw e;
    }
    return emitter;
  }

  /** Takes one of the user's stream slots, atomically; false when all are taken. */
  private boolean reserveStream(String user) {
    boolean[] reserved = {false};
    openPerUser.compute(
        user,
        (key, open) -> {
          int count = open == null ? 0 : open;
          if (count >= properties.maxPerUser()) {
            return open;
          }
          reserved[0] = true;
          return count + 1;
        });
    return reserved[0];
  }

  private void releaseStream(String user) {
    openPerUser.computeIfPresent(user, (key, open) -> open <= 1 ? null : open - 1);
  }

  /**
   * When to try again after a refusal: streams whose browser went away are noticed at their next
   * heartbeat, which frees their slots.
   */
  private Duration retryAfter() {
    return properties.heartbeat().plusSeconds(1);
  }

  @Override
  public void wardChanged(String ward) {
    Channel channel = channels.computeIfAbsent(ward, Channel::new);
    channel.dirty.set(true);
    if (channel.scheduled.compareAndSet(false, true)) {
      long wait =
          Math.max(
              0,
              channel.lastFlushNanos.get() + properties.coalesce().toNanos() - System.nanoTime());
      scheduler.schedule(() -> flush(channel), wait, TimeUnit.NANOSECONDS);
    }
  }

  private void flush(Channel channel) {
    channel.scheduled.set(false);
    if (!channel.dirty.getAndSet(false)) {
      return;
    }
    channel.lastFlushNanos.set(System.nanoTime());
    if (channel.subscribers.isEmpty()) {
      return;
    }
    try {
      push(channel, DashboardProjection.versioned(store, channel.ward));
    } catch (RuntimeException e) {
      // Reading failed (MongoDB away): try again with the next change or in a moment.
      log.warn("Could not push the {} dashboard: {}", channel.ward, e.getMessage());
      channel.dirty.set(true);
      if (channel.scheduled.compareAndSet(false, true)) {
        scheduler.schedule(() -> flush(channel), 1, TimeUnit.SECONDS);
      }
    }
  }

  private void push(Channel channel, VersionedDashboard current) {
    channel.lastPushedVersion.accumulateAndGet(current.version(), Math::max);
    Instant asOf = clock.instant();
    for (Subscriber subscriber : channel.subscribers) {
      String data = rendered(channel.ward, current, subscriber.fiscalYear, asOf);
      subscriber.send(current.version(), data, false);
    }
  }

  /**
   * Pushes what another instance wrote: each watched ward's document, if newer than the last
   * pushed.
   */
  private void watch() {
    for (Channel channel : channels.values()) {
      if (channel.subscribers.isEmpty()) {
        continue;
      }
      try {
        VersionedDashboard current = DashboardProjection.versioned(store, channel.ward);
        if (current.version() > channel.lastPushedVersion.get()) {
          push(channel, current);
        }
      } catch (RuntimeException e) {
        log.debug("Could not watch the {} dashboard: {}", channel.ward, e.getMessage());
      }
    }
  }

  /**
   * Must never throw: a periodic task that throws is never run again, and then no stream whose
   * browser went away would free its user's place until a restart.
   */
  private void heartbeat() {
    long idleNanos = properties.heartbeat().toNanos();
    long now = System.nanoTime();
    for (Channel channel : channels.values()) {
      for (Subscriber subscriber : channel.subscribers) {
        if (now - subscriber.lastWriteNanos >= idleNanos) {
          try {
            subscriber.comment("heartbeat");
          } catch (RuntimeException e) {
            log.debug("Dropping a dashboard stream that failed its heartbeat", e);
            subscriber.remove.run();
          }
        }
      }
    }
  }

  /**
   * The JSON of that version for the fiscal year asked for (null: the one containing {@code asOf}),
   * rendered now or shared from an earlier rendering of the same version and year; concurrent
   * callers for the same key wait for one rendering.
   */
  private String rendered(
      String ward, VersionedDashboard current, Integer fiscalYear, Instant asOf) {
    int year = fiscalYear != null ? fiscalYear : calendar.fiscalYearOf(asOf);
    return renderings
        .asMap()
        .compute(
            new Rendering(ward, year, current.version()),
            (key, shared) ->
                shared != null && shared.freshAt(asOf)
                    ? shared
                    : new Shared(asOf, render(current, year, asOf)))
        .json();
  }

  private String render(VersionedDashboard current, int year, Instant asOf) {
    try {
      return json.writeValueAsString(
          DashboardResponse.of(current.dashboard(), year, asOf, calendar.zone()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot render the dashboard", e);
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    for (Channel channel : channels.values()) {
      for (Subscriber subscriber : channel.subscribers) {
        subscriber.emitter.complete();
      }
    }
  }

  /** What a rendering depends on, apart from {@code asOf}. */
  private record Rendering(String ward, int fiscalYear, long version) {}

  /**
   * A rendering and the {@code asOf} in it. Its age is checked against the clock that stamps {@code
   * asOf} rather than a cache timer. A rendering may be stamped a little after a caller's {@code
   * now}: callers that read the clock at once enter in any order, and the later stamp is still in
   * the past when it is sent. Only one a whole {@link #SHARED_RENDERING_MAX_AGE} ahead, the clock
   * having been set back, is not shared.
   */
  private record Shared(Instant asOf, String json) {
    boolean freshAt(Instant now) {
      return Duration.between(asOf, now).abs().compareTo(SHARED_RENDERING_MAX_AGE) < 0;
    }
  }

  /** The subscribers of one ward and its flush state. */
  private static final class Channel {
    final String ward;
    final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    final AtomicBoolean dirty = new AtomicBoolean();
    final AtomicBoolean scheduled = new AtomicBoolean();
    final AtomicLong lastFlushNanos = new AtomicLong(System.nanoTime() - TimeUnit.HOURS.toNanos(1));
    // Subscribers opening later start from the state they read; this only decides whether to push.
    final AtomicLong lastPushedVersion = new AtomicLong(-1);

    Channel(String ward) {
      this.ward = ward;
    }
  }

  /** One open connection. Writes are serialised per subscriber; a failed write drops it. */
  private static final class Subscriber {
    final SseEmitter emitter;
    final Integer fiscalYear;
    private long lastSentVersion;
    private boolean sentAny;
    volatile long lastWriteNanos = System.nanoTime();
    volatile Runnable remove = () -> {};
    volatile ScheduledFuture<?> expiry;

    Subscriber(SseEmitter emitter, Integer fiscalYear, long lastSentVersion) {
      this.emitter = emitter;
      this.fiscalYear = fiscalYear;
      this.lastSentVersion = lastSentVersion;
    }

    synchronized void send(long version, String data, boolean initial) {
      // The first state is sent whatever Last-Event-ID said (the caller checked it), but only once:
      // a push (a flush or the watch) may have reached a new subscriber before its first read did.
      if (version <= lastSentVersion && (!initial || sentAny)) {
        return;
      }
      try {
        emitter.send(
            SseEmitter.event()
                .id(Long.toString(version))
                .name(EVENT_NAME)
                .reconnectTime(RECONNECT_MILLIS)
                .data(data));
        lastSentVersion = version;
        sentAny = true;
        lastWriteNanos = System.nanoTime();
      } catch (IOException | IllegalStateException e) {
        // The client went away: stop writing to it now, not when the container notices.
        remove.run();
        endQuietly(e);
      }
    }

    /** The credentials that opened the stream expired: say so, and end it. */
    synchronized void expire() {
      remove.run();
      try {
        emitter.send(SseEmitter.event().comment("token expired"));
        emitter.complete();
      } catch (IOException | IllegalStateException e) {
        endQuietly(e);
      }
    }

    /**
     * Ends a stream whose write failed. The container may be ending the same request at that moment
     * (it noticed the closed connection too), and then completing it throws; it ends either way.
     */
    private void endQuietly(Exception failure) {
      try {
        emitter.completeWithError(failure);
      } catch (RuntimeException alreadyEnding) {
        failure.addSuppressed(alreadyEnding);
        log.debug("A dashboard stream ended while the container was ending it", failure);
      }
    }

    void cancelExpiry() {
      ScheduledFuture<?> scheduled = expiry;
      if (scheduled != null) {
        scheduled.cancel(false);
      }
    }

    synchronized void comment(String text) {
      try {
        emitter.send(SseEmitter.event().comment(text));
        lastWriteNanos = System.nanoTime();
      } catch (IOException | IllegalStateException e) {
        // The client went away: stop writing to it now, not when the container notices.
        remove.run();
        endQuietly(e);
      }
    }
  }
}
