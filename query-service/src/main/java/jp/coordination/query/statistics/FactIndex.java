package jp.coordination.query.statistics;

import java.util.List;
import java.util.TreeSet;

/**
 * The ids of the aggregates that have at least one event in a fiscal year (one document per year
 * and kind), or the fiscal years that have any ({@code _id: "years"}). Lets the statistics query
 * find its fact documents by {@code _id} alone.
 *
 * @param members sorted ids
 */
public record FactIndex(List<String> members) {

  public FactIndex {
    members = members == null ? List.of() : List.copyOf(members);
  }

  /** The index with {@code member} added (sorted, no duplicates). */
  public FactIndex with(String member) {
    TreeSet<String> next = new TreeSet<>(members);
    next.add(member);
    return new FactIndex(List.copyOf(next));
  }

  public boolean contains(String member) {
    return members.contains(member);
  }
}
