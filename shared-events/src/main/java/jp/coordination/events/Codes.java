package jp.coordination.events;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Normalises code lists inside events: sorted by declaration order, without duplicates, never null.
 *
 * <p>Events hold lists rather than sets so that their JSON is byte-for-byte reproducible, which the
 * annual evaluation and the audit hash chain depend on.
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

  /**
   * A sorted (alphabetical), duplicate-free, unmodifiable copy of text codes such as ward codes,
   * whose order no enumeration declares; an absent collection becomes empty.
   */
  public static List<String> normalisedText(Collection<String> codes) {
    if (codes == null) {
      return List.of();
    }
    codes.forEach(c -> Objects.requireNonNull(c, "code"));
    return List.copyOf(new TreeSet<>(codes));
  }

  /**
   * Counts by code in declaration order, without the codes counted zero, unmodifiable; an absent
   * map becomes empty. Leaving zeros out keeps the JSON of an event the same when a code is added
   * to the enumeration later.
   */
  public static <E extends Enum<E>> Map<E, Integer> normalisedCounts(Map<E, Integer> counts) {
    if (counts == null) {
      return Map.of();
    }
    TreeMap<E, Integer> sorted = new TreeMap<>();
    counts.forEach(
        (code, count) -> {
          Objects.requireNonNull(code, "code");
          Objects.requireNonNull(count, "count");
          if (count != 0) {
            sorted.put(code, count);
          }
        });
    return Collections.unmodifiableMap(sorted);
  }
}
