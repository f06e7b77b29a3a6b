package jp.coordination.query.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Set;
import jp.coordination.platform.problem.InvalidFieldException;
import jp.coordination.platform.problem.ProblemText;
import jp.coordination.query.statistics.Definitions;

/**
 * Reads a what-if's {@code definitions} object of {@code POST /api/evaluations}: each switch absent
 * keeps its official definition; anything else is refused naming its field ({@code
 * definitions.reuseWindowDays}).
 */
final class DefinitionsRequest {

  private static final Set<String> FIELDS =
      Set.of("reuseWindowDays", "preRegisteredBy", "placementsCounted");

  private DefinitionsRequest() {}

  /** The definitions asked for, or null when the body has none (an official evaluation). */
  static Definitions read(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      throw new InvalidFieldException("definitions", ProblemText.of("field.definitions-object"));
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw new InvalidFieldException(
            "definitions." + name,
            ProblemText.of(
                "field.not-a-definition", String.join(", ", FIELDS.stream().sorted().toList())));
      }
    }
    Definitions official = Definitions.OFFICIAL;
    int window = official.reuseWindowDays();
    JsonNode days = node.get("reuseWindowDays");
    if (days != null && !days.isNull()) {
      if (!days.isIntegralNumber()
          || !days.canConvertToInt()
          || days.intValue() < 1
          || days.intValue() > Definitions.MAX_REUSE_WINDOW_DAYS) {
        throw new InvalidFieldException(
            "definitions.reuseWindowDays",
            ProblemText.of(
                "field.reuse-window-days", String.valueOf(Definitions.MAX_REUSE_WINDOW_DAYS)));
      }
      window = days.intValue();
    }
    return new Definitions(
        window,
        choice(
            node, "preRegisteredBy", Definitions.PreRegisteredBy.class, official.preRegisteredBy()),
        choice(
            node,
            "placementsCounted",
            Definitions.PlacementsCounted.class,
            official.placementsCounted()));
  }

  private static <E extends Enum<E>> E choice(
      JsonNode node, String field, Class<E> type, E absent) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return absent;
    }
    for (E constant : type.getEnumConstants()) {
      if (value.isTextual() && constant.name().equals(value.asText())) {
        return constant;
      }
    }
    throw new InvalidFieldException(
        "definitions." + field,
        ProblemText.of(
            "field.one-of",
            String.join(", ", Arrays.stream(type.getEnumConstants()).map(Enum::name).toList())));
  }
}
