package jp.coordination.infra.embedded;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

/**
 * How the durable stand-in orders, writes and reads the keys and values of its maps. H2's {@link
 * ObjectDataType} handles strings and numbers natively and everything else with Java serialization:
 * mongo-java-server's documents ({@link Document}) and index keys ({@link KeyValue}, which is not
 * {@link Comparable}, so every step of a B-tree search serialized both keys it compared). Profiled
 * under load that was most of the stand-in's CPU (docs/BENCHMARKS.md).
 *
 * <p>Order: two index keys compare value by value: values of one class by their own {@code
 * compareTo}, values of different classes by class name, and only a value that is not {@link
 * Comparable} (an embedded document or an array used as a key) by its serialized bytes as before.
 * That is a total order, and two keys are equal exactly when they were before (the same classes,
 * equal values), so an index refuses the same duplicates. The order of a B-tree differs from the
 * former one, so an index kept under the former order is copied into a map of its own once (see
 * {@link DurableH2Backend}). Every other key compares as before.
 *
 * <p>Format: a document is written as BSON, the encoding MongoDB itself stores and the stand-in
 * already answers with (so a value reads back as a client would see it), and an index key as its
 * values one after another. Each carries a tag byte {@link ObjectDataType} does not use, and
 * whatever has another tag is read by {@link ObjectDataType}, so a file written before opens
 * without conversion. A file written with these tags cannot be opened by an earlier version.
 */
final class StandInDataType extends ObjectDataType {

  // Unused by ObjectDataType, whose tags are 0-19, 32-49 and 64-119.
  static final byte TAG_BSON_DOCUMENT = 56;
  static final byte TAG_INDEX_KEY = 57;

  // An estimate of a document's memory in a page (which decides when a page splits and what the
  // cache holds), from the documents written so far, as ObjectDataType estimates serialized values.
  private volatile int averageDocumentMemory = 1024;

  @Override
  public int compare(Object a, Object b) {
    if (a instanceof KeyValue left && b instanceof KeyValue right) {
      return compareKeys(left, right);
    }
    return super.compare(a, b);
  }

  static int compareKeys(KeyValue left, KeyValue right) {
    int common = Math.min(left.size(), right.size());
    for (int i = 0; i < common; i++) {
      int order = compareValues(left.get(i), right.get(i));
      if (order != 0) {
        return order;
      }
    }
    return Integer.compare(left.size(), right.size());
  }

  @SuppressWarnings("unchecked")
  private static int compareValues(Object a, Object b) {
    if (a == b) {
      return 0;
    }
    if (a == null || b == null) {
      return a == null ? -1 : 1;
    }
    Class<?> type = a.getClass();
    if (type != b.getClass()) {
      return type.getName().compareTo(b.getClass().getName());
    }
    if (a instanceof Comparable<?> comparable) {
      return ((Comparable<Object>) comparable).compareTo(b);
    }
    return compareNotNull(serialize(a), serialize(b));
  }

  @Override
  public int getMemory(Object value) {
    if (value instanceof Document) {
      return averageDocumentMemory;
    }
    if (value instanceof KeyValue key) {
      int memory = 24;
      for (Object part : key) {
        memory += part == null ? 8 : getMemory(part);
      }
      return memory;
    }
    return super.getMemory(value);
  }

  @Override
  public void write(WriteBuffer buffer, Object value) {
    byte[] bson = value instanceof Document document ? bson(document) : null;
    if (bson != null) {
      buffer.put(TAG_BSON_DOCUMENT).putVarInt(bson.length).put(bson);
      averageDocumentMemory = (bson.length * 2 + 15 * averageDocumentMemory) / 16;
    } else if (value instanceof KeyValue key) {
      buffer.put(TAG_INDEX_KEY).putVarInt(key.size());
      for (Object part : key) {
        write(buffer, part);
      }
    } else {
      super.write(buffer, value);
    }
  }

  @Override
  public Object read(ByteBuffer buffer) {
    byte tag = buffer.get(buffer.position());
    if (tag == TAG_BSON_DOCUMENT) {
      buffer.get();
      byte[] bson = new byte[DataUtils.readVarInt(buffer)];
      buffer.get(bson);
      return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bson));
    }
    if (tag == TAG_INDEX_KEY) {
      buffer.get();
      int size = DataUtils.readVarInt(buffer);
      List<Object> parts = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        parts.add(read(buffer));
      }
      return new KeyValue(parts);
    }
    return super.read(buffer);
  }

  // Null for a document BSON cannot hold, which is then written as before: the stand-in answers
  // every stored document with this encoder, so none is expected, but a commit must not fail.
  private static byte[] bson(Document document) {
    ByteBuf encoded = Unpooled.buffer();
    try {
      BsonEncoder.encodeDocument(document, encoded);
      byte[] bytes = new byte[encoded.readableBytes()];
      encoded.readBytes(bytes);
      return bytes;
    } catch (RuntimeException e) {
      return null;
    } finally {
      encoded.release();
    }
  }
}
