package jp.coordination.query.views;

import java.util.List;
import java.util.TreeSet;

/**
 * The ids of one ward's open aggregates of one kind (experience stays arranged or in progress,
 * community issues not closed), sorted, so a coordinator's list is read by {@code _id} alone.
 *
 * @param ids sorted ids, no duplicates
 */
public record OpenIds(List<String> ids) {

  public OpenIds {
    ids = ids == null ? List.of() : List.copyOf(new TreeSet<>(ids));
  }

  OpenIds with(String id) {
    TreeSet<String> next = new TreeSet<>(ids);
    next.add(id);
    return new OpenIds(List.copyOf(next));
  }

  OpenIds without(String id) {
    TreeSet<String> next = new TreeSet<>(ids);
    next.remove(id);
    return new OpenIds(List.copyOf(next));
  }
}
