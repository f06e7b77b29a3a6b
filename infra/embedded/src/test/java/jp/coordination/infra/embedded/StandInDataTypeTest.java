package jp.coordination.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;

class StandInDataTypeTest {

  private final StandInDataType type = new StandInDataType();

  private final List<KeyValue> keys =
      List.of(
          new KeyValue("AOBA"),
          new KeyValue("AOBA", 1),
          new KeyValue("AOBA", 2),
          new KeyValue("AOBA", "1"),
          new KeyValue("IZUMI"),
          new KeyValue(1),
          new KeyValue(1L),
          new KeyValue(1.0),
          new KeyValue(2),
          new KeyValue((Object) null),
          new KeyValue(true),
          new KeyValue(new ObjectId()),
          new KeyValue(UUID.nameUUIDFromBytes(new byte[] {1})),
          new KeyValue(new Document("ward", "AOBA")),
          new KeyValue(new Document("ward", "IZUMI")),
          new KeyValue(List.of("a", "b")));

  @Test
  void two_index_keys_are_equal_exactly_when_their_serialized_forms_are_as_h2_found_before() {
    for (KeyValue a : keys) {
      for (KeyValue b : keys) {
        boolean sameBytes =
            ObjectDataType.compareNotNull(ObjectDataType.serialize(a), ObjectDataType.serialize(b))
                == 0;
        assertThat(type.compare(a, b) == 0).as("%s vs %s", a, b).isEqualTo(sameBytes);
        assertThat(type.compare(written(a), b) == 0)
            .as("%s read back vs %s", a, b)
            .isEqualTo(sameBytes);
      }
    }
  }

  @Test
  void the_order_of_index_keys_is_antisymmetric_and_transitive() {
    for (KeyValue a : keys) {
      for (KeyValue b : keys) {
        assertThat(Integer.signum(type.compare(a, b)))
            .as("%s vs %s", a, b)
            .isEqualTo(-Integer.signum(type.compare(b, a)));
        for (KeyValue c : keys) {
          if (type.compare(a, b) < 0 && type.compare(b, c) < 0) {
            assertThat(type.compare(a, c)).as("%s < %s < %s", a, b, c).isNegative();
          }
        }
      }
    }
  }

  @Test
  void values_of_one_class_keep_their_natural_order() {
    assertThat(type.compare(new KeyValue("AOBA"), new KeyValue("IZUMI"))).isNegative();
    assertThat(type.compare(new KeyValue(2L), new KeyValue(10L))).isNegative();
    assertThat(type.compare(new KeyValue("AOBA"), new KeyValue("AOBA", 1))).isNegative();
  }

  @Test
  void a_document_reads_back_equal_with_the_types_of_its_values() {
    Document stream =
        new Document("_id", "household-1")
            .append("version", 3L)
            .append("count", 2)
            .append("ratio", 0.5)
            .append("open", true)
            .append("closed", null)
            .append("at", Instant.ofEpochMilli(1_764_547_200_123L))
            .append("oid", new ObjectId())
            .append(
                "events",
                List.of(
                    new Document("type", "HouseholdRegistered").append("revision", 1),
                    new Document("type", "EmergencyIntakeRequested")
                        .append("ward", "AOBA")
                        .append("tags", List.of("night", "carer"))));

    Object read = written(stream);

    assertThat(read).isEqualTo(stream);
    assertThat(((Document) read).get("version")).isInstanceOf(Long.class);
    assertThat(((Document) read).get("count")).isInstanceOf(Integer.class);
    assertThat(((Document) read).keySet()).containsExactlyElementsOf(stream.keySet());
  }

  @Test
  void values_written_by_h2s_own_type_before_read_back_unchanged() {
    Document document = new Document("_id", "AOBA").append("open", 27);
    KeyValue key = new KeyValue("AOBA", 3L);
    WriteBuffer buffer = new WriteBuffer();
    ObjectDataType former = new ObjectDataType();
    former.write(buffer, document);
    former.write(buffer, key);
    former.write(buffer, "household-1");
    ByteBuffer bytes = buffer.getBuffer().flip();

    assertThat(type.read(bytes)).isEqualTo(document);
    assertThat(type.read(bytes)).isEqualTo(key);
    assertThat(type.read(bytes)).isEqualTo("household-1");
    assertThat(bytes.hasRemaining()).isFalse();
  }

  @Test
  void a_document_and_a_key_are_written_far_smaller_than_by_java_serialization() {
    Document document = new Document("_id", "household-1").append("ward", "AOBA").append("v", 3L);
    KeyValue key = new KeyValue("household-1");

    assertThat(size(type, document)).isLessThan(size(new ObjectDataType(), document) / 4);
    assertThat(size(type, key)).isLessThan(size(new ObjectDataType(), key) / 4);
  }

  private Object written(Object value) {
    WriteBuffer buffer = new WriteBuffer();
    type.write(buffer, value);
    ByteBuffer bytes = buffer.getBuffer().flip();
    Object read = type.read(bytes);
    assertThat(bytes.hasRemaining()).isFalse();
    return read;
  }

  private static int size(ObjectDataType type, Object value) {
    WriteBuffer buffer = new WriteBuffer();
    type.write(buffer, value);
    return buffer.position();
  }
}
