package jp.coordination.query.statistics;

import java.util.Collections;
import java.util.List;
import java.util.TreeSet;

/**
 * The ids of the aggregates that have at least one event in a fiscal year (per year and kind, split
 * into {@link StatisticsProjection#INDEX_BUCKETS} documents by id), or the fiscal years that have
 * any ({@code _id: "years"}). Lets the statistics query find its fact documents by {@code _id}
 * alone.
 *
 * @param members sorted ids
 */
public record FactIndex(List<String> members) {

  public FactIndex {
    members = members == null ? List.of() : List.copyOf(new TreeSet<>(members));
  }

  /** The index with {@code member} added (sorted, no duplicates). */
  public FactIndex with(String member) {
    TreeSet<String> next = new TreeSet<>(members);
    next.add(member);
    return new FactIndex(List.copyOf(next));
  }

  public boolean contains(String member) {
    // Sorted by the constructor: asked for every event, so a scan would cost as much as the index.
    return Collections.binarySearch(members, member) >= 0;
  }
}
