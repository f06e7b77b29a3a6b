package jp.coordination.bench.micro;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jp.coordination.events.envelope.EventCodec;
import jp.coordination.events.envelope.EventEnvelope;
import jp.coordination.query.calendar.BusinessCalendar;
import jp.coordination.query.calendar.Holidays;
import jp.coordination.query.dashboard.DashboardResponse;
import jp.coordination.query.dashboard.WardDashboard;
import jp.coordination.query.dashboard.WardDashboards;
import jp.coordination.query.views.AggregateChange;
import jp.coordination.query.views.AggregateView;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The ward dashboard's pure evolve step ({@link WardDashboards#evolve}): one ward's dashboard and
 * one aggregate change to it, as the projection computes it for each ward an event touches. The
 * MongoDB read and write around it in the service are not part of it. And the rendering of a
 * dashboard to the JSON the live stream sends.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class DashboardBenchmark {

  private static final int EVENTS = 4096;

  private final BusinessCalendar calendar = BusinessCalendar.tokyo(Holidays.load(null).dates());
  // Each step with the ward's dashboard just before it, so every call applies a change the
  // dashboard has not seen, to a dashboard as full as it would be at that point of the log.
  private WardDashboard[] before;
  private AggregateChange[] changes;
  private int next;
  // Jackson set up as the service's (java.time as ISO text): the stream renders with Boot's mapper.
  private final ObjectMapper json = EventCodec.newMapper();
  private WardDashboard aoba;
  private final Instant asOf = Instant.parse("2026-03-31T03:00:00Z");

  @Setup
  public void setUp() {
    List<WardDashboard> states = new ArrayList<>();
    List<AggregateChange> steps = new ArrayList<>();
    Map<String, AggregateView> views = new HashMap<>();
    Map<String, WardDashboard> dashboards = new HashMap<>();
    for (EventEnvelope e : EventSamples.mix(EVENTS)) {
      AggregateChange change = AggregateChange.of(views.get(e.aggregateId()), e);
      for (String ward : WardDashboards.wardsTouched(change)) {
        WardDashboard state = dashboards.getOrDefault(ward, WardDashboard.empty(ward));
        states.add(state);
        steps.add(change);
        dashboards.put(ward, WardDashboards.evolve(state, change, calendar));
      }
      views.put(e.aggregateId(), change.after());
    }
    aoba = dashboards.get("AOBA");
    before = states.toArray(WardDashboard[]::new);
    changes = steps.toArray(AggregateChange[]::new);
  }

  @Benchmark
  public WardDashboard evolve() {
    int i = next++;
    if (next == before.length) {
      next = 0;
    }
    return WardDashboards.evolve(before[i], changes[i], calendar);
  }

  @Benchmark
  public String render() throws JsonProcessingException {
    return json.writeValueAsString(DashboardResponse.of(aoba, 2025, asOf, calendar.zone()));
  }
}
