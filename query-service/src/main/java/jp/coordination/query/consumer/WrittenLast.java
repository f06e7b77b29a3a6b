package jp.coordination.query.consumer;

import java.util.List;

/**
 * The kinds of documents whose write marks an event as completely applied, so a {@link
 * BatchingProjectionStore} commits them after all others. A feature declares them as a bean; the
 * consumer knows no feature.
 */
public record WrittenLast(List<? extends DocumentKind<?>> kinds) {

  public WrittenLast {
    kinds = List.copyOf(kinds);
  }
}
