package jp.coordination.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import jp.coordination.events.envelope.EventCodec;
import jp.coordination.events.envelope.EventEnvelope;
import jp.coordination.events.envelope.EventTypeRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Freezes the wire contract: every event's JSON must equal its approved sample, and {@code
 * docs/events.md} must list exactly the fields the JSON has. A shape change therefore fails here
 * until the revision is bumped, a new approved sample is added and the document is updated.
 *
 * <p>To approve a new or changed sample after review: {@code mvn -pl shared-events test
 * -Dcontracts.approve=true}, then inspect the diff of {@code src/test/resources/contracts/}.
 */
class EventContractTest {

  private static final Path CONTRACTS = Path.of("src/test/resources/contracts");
  private static final Path EVENTS_DOC = Path.of("../docs/events.md");
  private static final Pattern HEADING =
      Pattern.compile("^### `([A-Za-z]+)` \\(revision (\\d+)\\)\\s*$");
  private static final Pattern CODE = Pattern.compile("^[A-Z][A-Z0-9_]*$");
  private static final Pattern FIELD_ROW = Pattern.compile("^\\|\\s*`([A-Za-z.\\[\\]]+)`\\s*\\|.*");

  private final EventCodec codec = new EventCodec();
  private final ObjectMapper mapper = codec.mapper();

  static Stream<EventTypeRegistry.Entry> entries() {
    return EventTypeRegistry.defaultRegistry().entries().stream();
  }

  @Test
  void every_registered_event_has_a_sample() {
    Set<Class<?>> registered = new java.util.HashSet<>();
    entries().forEach(e -> registered.add(e.eventClass()));
    assertThat(SampleEvents.byClass().keySet()).containsExactlyInAnyOrderElementsOf(registered);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("entries")
  void event_json_equals_its_approved_contract(EventTypeRegistry.Entry entry) throws IOException {
    EventEnvelope envelope = SampleEvents.enveloped(SampleEvents.byClass().get(entry.eventClass()));
    JsonNode actual = mapper.readTree(codec.encode(envelope));
    Path approved = CONTRACTS.resolve(entry.type() + ".v" + entry.revision() + ".json");
    if (Boolean.getBoolean("contracts.approve")) {
      Files.createDirectories(CONTRACTS);
      Files.writeString(
          approved,
          mapper.writerWithDefaultPrettyPrinter().writeValueAsString(actual) + "\n",
          StandardCharsets.UTF_8);
    }
    if (!Files.exists(approved)) {
      fail(
          "No approved contract %s: review the JSON and approve it with -Dcontracts.approve=true:%n%s",
          approved, mapper.writerWithDefaultPrettyPrinter().writeValueAsString(actual));
    }
    assertThat(actual)
        .as(
            "JSON of %s revision %d changed: bump the revision and add an upcaster",
            entry.type(), entry.revision())
        .isEqualTo(mapper.readTree(approved.toFile()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("entries")
  void approved_contract_decodes_to_the_sample(EventTypeRegistry.Entry entry) throws IOException {
    Path approved = CONTRACTS.resolve(entry.type() + ".v" + entry.revision() + ".json");
    EventEnvelope decoded = codec.decode(Files.readAllBytes(approved));
    assertThat(decoded)
        .isEqualTo(SampleEvents.enveloped(SampleEvents.byClass().get(entry.eventClass())));
  }

  @Test
  void encoding_is_byte_for_byte_deterministic() {
    for (DomainEvent event : SampleEvents.all()) {
      EventEnvelope envelope = SampleEvents.enveloped(event);
      byte[] once = codec.encode(envelope);
      byte[] again = codec.encode(codec.decode(once));
      assertThat(again).isEqualTo(once);
    }
  }

  @Test
  void events_document_lists_exactly_the_envelope_fields() throws IOException {
    Map<String, Section> sections = readDocument();
    Section envelope = sections.get("Envelope");
    assertThat(envelope)
        .as("docs/events.md needs a '### `Envelope` (revision 1)' section")
        .isNotNull();
    JsonNode json =
        mapper.readTree(codec.encode(SampleEvents.enveloped(SampleEvents.all().get(0))));
    Set<String> actual = new TreeSet<>();
    json.fieldNames().forEachRemaining(actual::add);
    assertThat(envelope.fields()).isEqualTo(actual);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("entries")
  void events_document_lists_exactly_the_payload_fields(EventTypeRegistry.Entry entry)
      throws IOException {
    Section section = readDocument().get(entry.type());
    assertThat(section).as("docs/events.md has no section for %s", entry.type()).isNotNull();
    assertThat(section.revision())
        .as("docs/events.md documents another revision of %s", entry.type())
        .isEqualTo(entry.revision());
    JsonNode payload =
        mapper
            .readTree(
                codec.encode(
                    SampleEvents.enveloped(SampleEvents.byClass().get(entry.eventClass()))))
            .get("payload");
    Set<String> actual = new TreeSet<>();
    collectFields("", payload, actual);
    assertThat(section.fields()).isEqualTo(actual);
  }

  /**
   * The documented names of a payload's fields: nested objects as {@code a.b}, objects in a list as
   * {@code a[].b}. An object keyed by enumeration codes is a map (counts by code), one field.
   */
  private static void collectFields(String prefix, JsonNode node, Set<String> into) {
    Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String name = prefix + field.getKey();
      into.add(name);
      JsonNode value = field.getValue();
      if (value.isObject() && !isMapOfCodes(value)) {
        collectFields(name + ".", value, into);
      } else if (value.isArray()) {
        for (JsonNode element : value) {
          if (element.isObject()) {
            collectFields(name + "[].", element, into);
          }
        }
      }
    }
  }

  private static boolean isMapOfCodes(JsonNode object) {
    Iterator<String> keys = object.fieldNames();
    if (!keys.hasNext()) {
      return false;
    }
    while (keys.hasNext()) {
      if (!CODE.matcher(keys.next()).matches()) {
        return false;
      }
    }
    return true;
  }

  private record Section(int revision, Set<String> fields) {}

  private static Map<String, Section> readDocument() throws IOException {
    List<String> lines = Files.readAllLines(EVENTS_DOC, StandardCharsets.UTF_8);
    Map<String, Section> sections = new java.util.HashMap<>();
    String current = null;
    int revision = 0;
    Set<String> fields = new TreeSet<>();
    List<String> all = new ArrayList<>(lines);
    all.add("### `End` (revision 0)");
    for (String line : all) {
      Matcher heading = HEADING.matcher(line);
      if (heading.matches() || line.startsWith("## ")) {
        if (current != null) {
          sections.put(current, new Section(revision, fields));
        }
        current = heading.matches() ? heading.group(1) : null;
        revision = heading.matches() ? Integer.parseInt(heading.group(2)) : 0;
        fields = new TreeSet<>();
        continue;
      }
      Matcher row = FIELD_ROW.matcher(line);
      if (current != null && row.matches()) {
        fields.add(row.group(1));
      }
    }
    return sections;
  }
}
