package jp.coordination.bench.micro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import jp.coordination.events.envelope.EventCodec;
import jp.coordination.events.envelope.EventEnvelope;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@link EventCodec} both ways, one event per operation, cycling through 4,096 events of the
 * realistic mix (and, separately, 1,024 personal-data registrations, the biggest event). Each has a
 * plain-Jackson baseline over the same JSON, so the ratio is the codec's own cost: for decoding,
 * {@code ObjectMapper.readTree} of the same bytes (the codec parses a tree too, then binds the
 * payload record); for encoding, writing the codec's own tree of the same envelope to bytes.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class CodecBenchmark {

  private static final int MIX = 4096; // a power of two: the index wraps with a mask
  private static final int REGISTRATIONS = 1024;

  private final EventCodec codec = new EventCodec();
  private final ObjectMapper mapper = EventCodec.newMapper();

  private EventEnvelope[] events;
  private JsonNode[] trees;
  private byte[][] bytes;
  private EventEnvelope[] registrations;
  private JsonNode[] registrationTrees;
  private byte[][] registrationBytes;
  private int next;

  @Setup
  public void setUp() {
    events = EventSamples.mix(MIX).toArray(EventEnvelope[]::new);
    trees = trees(events);
    bytes = encoded(events);
    registrations = EventSamples.registrations(REGISTRATIONS).toArray(EventEnvelope[]::new);
    registrationTrees = trees(registrations);
    registrationBytes = encoded(registrations);
  }

  private JsonNode[] trees(EventEnvelope[] envelopes) {
    JsonNode[] result = new JsonNode[envelopes.length];
    for (int i = 0; i < envelopes.length; i++) {
      result[i] = codec.toTree(envelopes[i]);
    }
    return result;
  }

  private byte[][] encoded(EventEnvelope[] envelopes) {
    byte[][] result = new byte[envelopes.length][];
    for (int i = 0; i < envelopes.length; i++) {
      result[i] = codec.encode(envelopes[i]);
    }
    return result;
  }

  private int mixIndex() {
    return next++ & (MIX - 1);
  }

  private int registrationIndex() {
    return next++ & (REGISTRATIONS - 1);
  }

  @Benchmark
  public byte[] encodeMix() {
    return codec.encode(events[mixIndex()]);
  }

  @Benchmark
  public byte[] encodeMixBaseline() throws IOException {
    return mapper.writeValueAsBytes(trees[mixIndex()]);
  }

  @Benchmark
  public EventEnvelope decodeMix() {
    return codec.decode(bytes[mixIndex()]);
  }

  @Benchmark
  public JsonNode decodeMixBaseline() throws IOException {
    return mapper.readTree(bytes[mixIndex()]);
  }

  @Benchmark
  public byte[] encodeRegistration() {
    return codec.encode(registrations[registrationIndex()]);
  }

  @Benchmark
  public byte[] encodeRegistrationBaseline() throws IOException {
    return mapper.writeValueAsBytes(registrationTrees[registrationIndex()]);
  }

  @Benchmark
  public EventEnvelope decodeRegistration() {
    return codec.decode(registrationBytes[registrationIndex()]);
  }

  @Benchmark
  public JsonNode decodeRegistrationBaseline() throws IOException {
    return mapper.readTree(registrationBytes[registrationIndex()]);
  }
}
