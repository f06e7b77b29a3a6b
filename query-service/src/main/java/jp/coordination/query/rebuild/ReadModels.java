package jp.coordination.query.rebuild;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jp.coordination.platform.problem.ProblemText;

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
  static final List<String> ALL =
      List.of("views", "dashboards", "statistics", "facilities", "lists");

  private ReadModels() {}

  /**
   * What is wrong with the names asked for, for the field {@code readModels}; empty when nothing.
   */
  static Optional<ProblemText> whatIsWrong(List<String> asked) {
    if (asked.isEmpty()) {
      return Optional.of(ProblemText.of("field.read-models-empty"));
    }
    if (!ALL.containsAll(asked)) {
      return Optional.of(ProblemText.of("field.read-model-unknown", String.join(", ", ALL)));
    }
    return Optional.empty();
  }

  /**
   * The names asked for, in the order of {@link #ALL}, each once; all of them when none is given.
   *
   * @throws IllegalArgumentException naming what is wrong, for the field {@code readModels}
   */
  static List<String> chosen(List<String> asked) {
    if (asked == null) {
      return ALL;
    }
    Optional<ProblemText> wrong = whatIsWrong(asked);
    if (wrong.isPresent()) {
      throw new IllegalArgumentException(wrong.get().english());
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
