package jp.coordination.events;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Normalises code lists inside events: sorted by declaration order, without duplicates, never null.
 *
 * <p>Events hold lists rather than sets so that their JSON is byte-for-byte reproducible, which
 * the annual evaluation and the audit hash chain depend on.
 */
public final class Codes {
  private Codes() {}

  /** A sorted, duplicate-free, unmodifiable copy; an absent collection becomes empty. */
  public static <E extends Enum<E>> List<E> normalised(Collection<E> codes) {
    if (codes == null) {
      return List.of();
    }
    codes.forEach(c -> Objects.requireNonNull(c, "code"));
    return List.copyOf(new TreeSet<>(codes));
  }
}
