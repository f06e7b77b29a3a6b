package jp.coordination.command.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generated JSON for the command fuzzer: valid values of each kind of field, and junk — wrong
 * types, huge and odd Unicode text, extreme numbers and dates, MongoDB operators, nested junk —
 * plus whole bodies that are no JSON object at all.
 */
final class FuzzedJson {
  private FuzzedJson() {}

  static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  static final List<String> WARDS = List.of("AOBA", "MIYAGINO", "WAKABAYASHI", "TAIHAKU", "IZUMI");

  /** A field of a command body: its name, its valid values, and whether it is required. */
  record Field(String name, Arbitrary<JsonNode> valid, boolean required) {
    static Field required(String name, Arbitrary<JsonNode> valid) {
      return new Field(name, valid, true);
    }

    static Field optional(String name, Arbitrary<JsonNode> valid) {
      return new Field(name, valid, false);
    }
  }

  /**
   * Objects with these fields, each valid most of the time, else junk, null or absent; now and then
   * with extra keys (operators, prototype names) holding junk.
   */
  static Arbitrary<JsonNode> object(List<Field> fields) {
    List<Arbitrary<Optional<JsonNode>>> values = new ArrayList<>();
    for (Field field : fields) {
      values.add(
          Arbitraries.frequencyOf(
              Tuple.of(16, field.valid().map(Optional::of)),
              Tuple.of(3, junk().map(Optional::of)),
              Tuple.of(1, Arbitraries.just(Optional.<JsonNode>empty())),
              Tuple.of(1, Arbitraries.just(Optional.<JsonNode>of(NullNode.instance)))));
    }
    Arbitrary<List<Optional<JsonNode>>> chosen = Combinators.combine(values).as(list -> list);
    Arbitrary<List<Tuple.Tuple2<String, JsonNode>>> extras =
        Arbitraries.frequencyOf(
            Tuple.of(9, Arbitraries.just(List.<Tuple.Tuple2<String, JsonNode>>of())),
            Tuple.of(
                1,
                Combinators.combine(oddKeys(), junk())
                    .as(Tuple::of)
                    .list()
                    .ofMinSize(1)
                    .ofMaxSize(3)));
    return Combinators.combine(chosen, extras)
        .as(
            (present, extra) -> {
              ObjectNode body = JSON.objectNode();
              for (int i = 0; i < fields.size(); i++) {
                int index = i;
                present.get(i).ifPresent(value -> body.set(fields.get(index).name(), value));
              }
              extra.forEach(pair -> body.set(pair.get1(), pair.get2()));
              return (JsonNode) body;
            });
  }

  // ---- valid values ----

  static Arbitrary<JsonNode> uuid() {
    return Combinators.combine(Arbitraries.longs(), Arbitraries.longs())
        .as((high, low) -> (JsonNode) TextNode.valueOf(new UUID(high, low).toString()));
  }

  /** A business time within the last days, as clients send it (offset +09:00). */
  static Arbitrary<JsonNode> recentTime() {
    return Arbitraries.integers()
        .between(0, 60 * 24 * 30)
        .map(
            minutes ->
                (JsonNode)
                    TextNode.valueOf(
                        OffsetDateTime.now(ZoneOffset.ofHours(9))
                            .minusMinutes(minutes)
                            .truncatedTo(ChronoUnit.SECONDS)
                            .toString()));
  }

  static Arbitrary<JsonNode> ward() {
    return Arbitraries.of(WARDS).map(code -> (JsonNode) TextNode.valueOf(code));
  }

  static Arbitrary<JsonNode> wards() {
    return Arbitraries.of(WARDS)
        .list()
        .uniqueElements()
        .ofMaxSize(3)
        .map(
            list -> {
              ArrayNode array = JSON.arrayNode();
              list.forEach(array::add);
              return (JsonNode) array;
            });
  }

  static <E extends Enum<E>> Arbitrary<JsonNode> code(Class<E> codes) {
    return Arbitraries.of(codes).map(code -> (JsonNode) TextNode.valueOf(code.name()));
  }

  static <E extends Enum<E>> Arbitrary<JsonNode> codes(Class<E> codes, int min) {
    return Arbitraries.of(codes)
        .list()
        .uniqueElements()
        .ofMinSize(min)
        .ofMaxSize(Math.max(min, 3))
        .map(
            list -> {
              ArrayNode array = JSON.arrayNode();
              list.forEach(code -> array.add(code.name()));
              return (JsonNode) array;
            });
  }

  static Arbitrary<JsonNode> text(int maxLength) {
    return Arbitraries.strings()
        .withCharRange('a', 'z')
        .withChars("仙台青葉区一番町 -・")
        .ofMinLength(1)
        .ofMaxLength(Math.min(maxLength, 40))
        .filter(s -> !s.isBlank())
        .map(s -> (JsonNode) TextNode.valueOf(s));
  }

  static Arbitrary<JsonNode> integer(int min, int max) {
    return Arbitraries.integers().between(min, max).map(i -> (JsonNode) IntNode.valueOf(i));
  }

  static Arbitrary<JsonNode> bool() {
    return Arbitraries.of(true, false).map(b -> (JsonNode) BooleanNode.valueOf(b));
  }

  // ---- junk ----

  /**
   * Any junk value: a wrong type, odd text, an extreme number or date, an operator, nested junk.
   */
  static Arbitrary<JsonNode> junk() {
    return junk(2);
  }

  private static Arbitrary<JsonNode> junk(int depth) {
    Arbitrary<JsonNode> scalar =
        Arbitraries.frequencyOf(
            Tuple.of(5, oddText().map(t -> (JsonNode) TextNode.valueOf(t))),
            Tuple.of(3, extremeNumber()),
            Tuple.of(3, oddTime().map(TextNode::valueOf)),
            Tuple.of(1, bool()),
            Tuple.of(1, Arbitraries.just((JsonNode) NullNode.instance)),
            Tuple.of(3, operator()));
    if (depth == 0) {
      return scalar;
    }
    Arbitrary<JsonNode> inner = Arbitraries.lazy(() -> junk(depth - 1));
    Arbitrary<JsonNode> array =
        inner
            .list()
            .ofMaxSize(4)
            .map(
                list -> {
                  ArrayNode node = JSON.arrayNode();
                  list.forEach(node::add);
                  return (JsonNode) node;
                });
    Arbitrary<JsonNode> object =
        Combinators.combine(
                Arbitraries.oneOf(oddKeys(), Arbitraries.of("ward", "id", "name", "a")), inner)
            .as(Tuple::of)
            .list()
            .ofMaxSize(3)
            .map(
                pairs -> {
                  ObjectNode node = JSON.objectNode();
                  pairs.forEach(pair -> node.set(pair.get1(), pair.get2()));
                  return (JsonNode) node;
                });
    return Arbitraries.frequencyOf(Tuple.of(6, scalar), Tuple.of(1, array), Tuple.of(1, object));
  }

  /** Text a careless parser, validator, store or log would trip over. */
  static Arbitrary<String> oddText() {
    return Arbitraries.frequencyOf(
        Tuple.of(
            6,
            Arbitraries.of(
                "",
                " ",
                "\t\n",
                "\u0000",
                "a\u0000b",
                "\u0007bell",
                "\u001b[31mred",
                "\uD800",
                "\uDFFF",
                "lone \uD83D end",
                "\uDE00\uD83D",
                "👪🏿",
                "e\u0301\u0301\u0301",
                "\u202Eevil\u202C",
                "\u200B\u200D\uFEFF",
                "\uFFFF\uFFFE",
                "\uE000private",
                "\u3000全角空白",
                "ｱｵﾊﾞ",
                "ＡＯＢＡ",
                "aoba",
                "AOBA ",
                " AOBA",
                "A O B A",
                "$ne",
                "$where",
                "{\"$ne\": null}",
                "$.ward",
                "a.b.c",
                "null",
                "undefined",
                "NaN",
                "-Infinity",
                "1e400",
                "-0",
                "0x7fffffff",
                "true",
                "../../etc/passwd",
                "%00%2e%2e",
                "<script>alert(1)</script>",
                "' OR '1'='1",
                "${jndi:ldap://x/a}",
                "#{7*7}",
                "\\u0000",
                "\r\nX-Injected: 1",
                "00000000-0000-0000-0000-000000000000",
                "6F1C2A52-5D0E-4C41-9D7E-0D6F3C1B2A10",
                "6f1c2a52-5d0e-4c41-9d7e-0d6f3c1b2a1",
                "6f1c2a52-5d0e-4c41-9d7e-0d6f3c1b2a10-00",
                "{6f1c2a52-5d0e-4c41-9d7e-0d6f3c1b2a10}")),
        Tuple.of(3, Arbitraries.strings().all().ofMaxLength(30)),
        Tuple.of(
            2,
            Arbitraries.strings().withCharRange('\uD800', '\uDFFF').ofMinLength(1).ofMaxLength(5)),
        Tuple.of(
            2,
            Arbitraries.of(65, 201, 501, 2001, 20_000, 66_000)
                .flatMap(
                    length ->
                        Arbitraries.of("x", "あ", "👪", "\u0301")
                            .map(unit -> unit.repeat(Math.max(1, length / unit.length()))))));
  }

  static Arbitrary<JsonNode> extremeNumber() {
    return Arbitraries.frequencyOf(
        Tuple.of(
            5,
            Arbitraries.of(
                IntNode.valueOf(0),
                IntNode.valueOf(-1),
                IntNode.valueOf(1001),
                IntNode.valueOf(1899),
                IntNode.valueOf(9999),
                IntNode.valueOf(10_000),
                IntNode.valueOf(Integer.MAX_VALUE),
                IntNode.valueOf(Integer.MIN_VALUE),
                LongNode.valueOf(Integer.MAX_VALUE + 1L),
                LongNode.valueOf(Long.MAX_VALUE),
                LongNode.valueOf(Long.MIN_VALUE),
                BigIntegerNode.valueOf(BigInteger.TWO.pow(64)),
                BigIntegerNode.valueOf(BigInteger.TEN.pow(400).negate()),
                DecimalNode.valueOf(new BigDecimal("1e400")),
                DecimalNode.valueOf(new BigDecimal("-1e-400")),
                DecimalNode.valueOf(new BigDecimal("2.0")),
                DoubleNode.valueOf(1.5),
                DoubleNode.valueOf(-0.0),
                DoubleNode.valueOf(Double.MAX_VALUE),
                DoubleNode.valueOf(Double.MIN_VALUE),
                DoubleNode.valueOf(1e13))),
        Tuple.of(1, Arbitraries.integers().map(i -> (JsonNode) IntNode.valueOf(i))),
        Tuple.of(1, Arbitraries.longs().map(l -> (JsonNode) LongNode.valueOf(l))));
  }

  /** Times out of range, impossible, without offset, or at the limits of what java.time holds. */
  static Arbitrary<String> oddTime() {
    Arbitrary<String> composed =
        Combinators.combine(
                Arbitraries.of(
                    "0000",
                    "0001",
                    "1899",
                    "1999",
                    "2000",
                    "2026",
                    "2100",
                    "9999",
                    "+10000",
                    "-0001",
                    "+999999999",
                    "-999999999"),
                Arbitraries.of("00", "01", "02", "03", "04", "12", "13"),
                Arbitraries.of("00", "01", "29", "30", "31", "32"),
                Arbitraries.of(
                    "T00:00:00", "T23:59:59.999999999", "T24:00:00", "T25:61:61", "", "T09:00"),
                Arbitraries.of(
                    "Z",
                    "+09:00",
                    "-18:00",
                    "+18:00",
                    "+18:01",
                    "+24:00",
                    "",
                    "[Asia/Tokyo]",
                    "+09:00[Asia/Tokyo]"))
            .as((y, mo, d, t, z) -> y + "-" + mo + "-" + d + t + z);
    return Arbitraries.oneOf(
        composed,
        Arbitraries.of(
            "2000-04-01T00:00:00+09:00",
            "2000-03-31T23:59:59.999+09:00",
            "1970-01-01T00:00:00Z",
            "+999999999-12-31T23:59:59.999999999-18:00",
            "-999999999-01-01T00:00:00+18:00",
            "2026-02-30T00:00:00+09:00",
            "2026-06-02",
            "12:00:00+09:00",
            "2026-06-02 12:00:00+09:00",
            "2026-06-02T12:00:00",
            "1780000000000",
            "P1D",
            "now",
            "yesterday"));
  }

  static Arbitrary<JsonNode> operator() {
    return Arbitraries.of(
            "{\"$ne\": null}",
            "{\"$gt\": \"\"}",
            "{\"$where\": \"sleep(1000)\"}",
            "{\"$regex\": \".*\"}",
            "{\"$in\": [\"AOBA\", null]}",
            "{\"$exists\": true}",
            "{\"$expr\": {\"$eq\": [1, 1]}}",
            "{\"$function\": {\"body\": \"function(){return true}\", \"args\": [], \"lang\": \"js\"}}",
            "[{\"$ne\": null}]",
            "{\"$oid\": \"507f1f77bcf86cd799439011\"}",
            "{\"$date\": \"2026-01-01T00:00:00Z\"}",
            "{\"__proto__\": {\"admin\": true}}")
        .map(FuzzedJson::parse);
  }

  static Arbitrary<String> oddKeys() {
    return Arbitraries.of(
        "$ne",
        "$set",
        "$where",
        "__proto__",
        "constructor",
        "",
        " ",
        "ward.$",
        "a\u0000b",
        "𝔘𝔫𝔦",
        "events.0",
        "_id",
        "_class");
  }

  private static JsonNode parse(String json) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
    } catch (Exception e) {
      throw new IllegalArgumentException(json, e);
    }
  }

  // ---- whole bodies that are no JSON object ----

  /** Bodies that are not a well-formed JSON object within the parser's limits. */
  static Arbitrary<byte[]> notAnObject() {
    Arbitrary<byte[]> plain =
        Arbitraries.of(
                "",
                " ",
                "null",
                "[]",
                "[{}]",
                "\"AOBA\"",
                "42",
                "true",
                "{",
                "}",
                "{\"ward\":}",
                "{\"ward\": \"AOBA\"",
                "{\"a\": 1}{\"b\": 2}",
                "{'ward': 'AOBA'}",
                "{ward: \"AOBA\"}",
                "{\"x\": NaN}",
                "{\"x\": Infinity}",
                "{\"x\": 0x10}",
                "{\"x\": 01}",
                "{\"x\": .5}",
                "{\"x\": +1}",
                "/* comment */ {}",
                "{\"x\": \"\\u00\"}",
                "{\"x\": \"\\q\"}",
                "{\"x\": \"unterminated}",
                "\u0000",
                "{\"a\": " + "[".repeat(2_000) + "]".repeat(2_000) + "}",
                "{\"a\": " + "{\"a\": ".repeat(1_500) + "1" + "}".repeat(1_500) + "}",
                "[" + "1,".repeat(40_000) + "1]",
                "{" + " ".repeat(70_000) + "}")
            .map(text -> text.getBytes(StandardCharsets.UTF_8));
    return Arbitraries.frequencyOf(
        Tuple.of(10, plain),
        Tuple.of(1, Arbitraries.create(FuzzedJson::invalidUtf8)),
        Tuple.of(1, Arbitraries.create(FuzzedJson::utf16)),
        Tuple.of(1, plain.map(FuzzedJson::withBom)));
  }

  private static byte[] invalidUtf8() {
    byte[] start = "{\"name\": \"".getBytes(StandardCharsets.UTF_8);
    byte[] bad = {
      (byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE, (byte) 0xED, (byte) 0xA0, (byte) 0x80
    };
    byte[] end = "\"}".getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[start.length + bad.length + end.length];
    System.arraycopy(start, 0, all, 0, start.length);
    System.arraycopy(bad, 0, all, start.length, bad.length);
    System.arraycopy(end, 0, all, start.length + bad.length, end.length);
    return all;
  }

  private static byte[] utf16() {
    return "{\"ward\": \"AOBA\"}".getBytes(StandardCharsets.UTF_16LE);
  }

  private static byte[] withBom(byte[] bytes) {
    byte[] all = new byte[bytes.length + 3];
    all[0] = (byte) 0xEF;
    all[1] = (byte) 0xBB;
    all[2] = (byte) 0xBF;
    System.arraycopy(bytes, 0, all, 3, bytes.length);
    return all;
  }
}
