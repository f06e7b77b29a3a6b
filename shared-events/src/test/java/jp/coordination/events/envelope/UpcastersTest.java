package jp.coordination.events.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import jp.coordination.events.intake.EmergencyIntakePlaced;
import jp.coordination.events.intake.EmergencyIntakePlacedRevision1;
import org.junit.jupiter.api.Test;

/**
 * Old revisions stay readable (docs/events.md, "Changing the contract"): the approved sample of
 * every older revision this build still reads is decoded through the upcaster chain into the
 * current shape, and a chain with a gap, a duplicate or a stray step is refused when it is made.
 */
class UpcastersTest {

  private static final Path CONTRACTS = Path.of("src/test/resources/contracts");
  private static final Pattern SAMPLE = Pattern.compile("([A-Za-z]+)\\.v(\\d+)\\.json");

  private final EventCodec codec = new EventCodec();
  private final EventTypeRegistry registry = EventTypeRegistry.defaultRegistry();

  @Test
  void a_placement_recorded_at_revision_1_is_read_as_revision_2_with_its_expected_last_day_unknown()
      throws IOException {
    byte[] revision1 = Files.readAllBytes(CONTRACTS.resolve("EmergencyIntakePlaced.v1.json"));

    EventEnvelope envelope = codec.decode(revision1);

    assertThat(envelope.revision()).isEqualTo(2);
    assertThat(envelope.payload())
        .isEqualTo(
            new EmergencyIntakePlaced(
                "5d2c9e1a-7b44-4f0e-a1c3-9e8d7c6b5a42",
                "AOBA",
                "c3a1b2d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d",
                null));
    assertThat(codec.isOlderRevision(codec.mapper().readTree(revision1))).isTrue();
  }

  @Test
  void every_older_sample_still_readable_decodes_to_the_current_revision_keeping_its_envelope()
      throws IOException {
    List<String> read = new ArrayList<>();
    try (Stream<Path> samples = Files.list(CONTRACTS)) {
      for (Path sample : samples.sorted().toList()) {
        Matcher name = SAMPLE.matcher(sample.getFileName().toString());
        if (!name.matches()) {
          continue;
        }
        EventTypeRegistry.Entry entry =
            registry.entries().stream()
                .filter(e -> e.type().equals(name.group(1)))
                .findFirst()
                .orElseThrow();
        int revision = Integer.parseInt(name.group(2));
        if (revision == entry.revision() || revision < entry.oldestReadable()) {
          continue;
        }
        JsonNode old = codec.mapper().readTree(sample.toFile());

        EventEnvelope envelope = codec.fromTree(old);

        assertThat(envelope.revision()).isEqualTo(entry.revision());
        assertThat(envelope.eventId()).isEqualTo(old.get("eventId").asText());
        assertThat(envelope.sequence()).isEqualTo(old.get("sequence").asLong());
        assertThat(envelope.occurredAt().toString()).isEqualTo(old.get("occurredAt").asText());
        read.add(sample.getFileName().toString());
      }
    }
    assertThat(read).contains("EmergencyIntakePlaced.v1.json");
  }

  @Test
  void upcasting_leaves_the_stored_tree_as_it_was() throws IOException {
    JsonNode old =
        codec.mapper().readTree(CONTRACTS.resolve("EmergencyIntakePlaced.v1.json").toFile());
    JsonNode copy = old.deepCopy();

    codec.fromTree(old);

    assertThat(old).isEqualTo(copy);
  }

  @Test
  void a_revision_newer_than_this_build_is_refused_not_guessed() throws IOException {
    ObjectNode newer =
        (ObjectNode)
            codec.mapper().readTree(CONTRACTS.resolve("EmergencyIntakePlaced.v1.json").toFile());
    newer.put("revision", 3);

    assertThatThrownBy(() -> codec.fromTree(newer)).isInstanceOf(UnknownEventTypeException.class);
  }

  @Test
  void a_chain_missing_a_step_for_a_readable_revision_is_refused() {
    assertThatThrownBy(() -> Upcasters.of(registry, List.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("EmergencyIntakePlaced revision 1 is readable but has no upcaster");
  }

  @Test
  void two_steps_from_the_same_revision_are_refused() {
    assertThatThrownBy(
            () ->
                Upcasters.of(
                    registry,
                    List.of(
                        new EmergencyIntakePlacedRevision1(),
                        new EmergencyIntakePlacedRevision1())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Two upcasters");
  }

  @Test
  void a_step_from_a_revision_no_longer_read_is_refused() {
    Upcaster stray =
        new Upcaster() {
          @Override
          public String type() {
            return "AtRiskHouseholdRegistered";
          }

          @Override
          public int fromRevision() {
            return 1;
          }

          @Override
          public ObjectNode upcast(ObjectNode payload) {
            return payload;
          }
        };
    assertThatThrownBy(
            () -> Upcasters.of(registry, List.of(new EmergencyIntakePlacedRevision1(), stray)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(
            "AtRiskHouseholdRegistered revision 1, which this build does not read");
  }
}
