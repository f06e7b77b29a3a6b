package jp.coordination.query.rebuild;

import java.util.ArrayList;
import java.util.List;

/**
 * The read models an operator can name. They are folded in one pass from the same changes (an
 * aggregate's view before and after each event), so a rebuild always builds every one of them into
 * the new generation; naming one records what the operator asked for, it does not make the run
 * cheaper.
 */
final class ReadModels {

  /**
   * Current-state views, ward dashboards, statistics facts and index, the facility index, the
   * coordinators' open lists.
   */
  static final List<String> ALL = List.of("views", "dashboards", "statistics", "facilities", "lists");

  private ReadModels() {}

  /**
   * The names asked for, in the order of {@link #ALL}, each once; all of them when none is given.
   *
   * @throws IllegalArgumentException naming what is wrong, for the field {@code readModels}
   */
  static List<String> chosen(List<String> asked) {
    if (asked == null) {
      return ALL;
    }
    if (asked.isEmpty()) {
      throw new IllegalArgumentException("must name at least one read model, or be left out for all");
    }
    for (String name : asked) {
      if (!ALL.contains(name)) {
        throw new IllegalArgumentException(
            "names an unknown read model; known: " + String.join(", ", ALL));
      }
    }
    List<String> chosen = new ArrayList<>();
    for (String name : ALL) {
      if (asked.contains(name)) {
        chosen.add(name);
      }
    }
    return List.copyOf(chosen);
  }
}
