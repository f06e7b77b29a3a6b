package jp.coordination.query.statistics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cell suppression over a table whose columns are the wards and, last, the total: which cells to
 * hide so that no hidden value follows from the visible ones of any one relation the table knows.
 *
 * <p>Rows are of two kinds. A <em>count</em> row is additive: its total is taken to be the sum of
 * its wards (where it is not — activities serving several wards, region-wide issues — the
 * assumption only hides more). A count row need not be a figure of the answer: a count the answer
 * does not print but that a reader can compute from it, such as a share's numerator (share ×
 * denominator), is a row of its own, so that a total share cannot reveal a ward's hidden numerator.
 * A <em>computed</em> row (a rate, a median) is not additive; it is hidden wherever a row it is
 * computed over is hidden. A <em>sum</em> says that, in every column, one count row is the sum of
 * others (experience stays completed = the sum of their kinds).
 *
 * <p>{@link #suppress} hides every count from 1 to the threshold, then repeats until nothing
 * changes: computed cells over hidden cells are hidden; a count row with exactly one hidden cell
 * gets a second (the smallest other non-zero ward, else the total); a sum with exactly one hidden
 * cell in a column gets a second (the smallest other non-zero part, else the whole). Cells are only
 * ever added, so this ends. What it guarantees: no row and no sum has exactly one hidden cell,
 * except a total whose wards are all 0 (it then counts only what served the whole region, which no
 * ward shows, so the row cannot tell it). Combinations of several relations are not audited.
 */
final class SuppressionTable {

  private final int columns;
  private final Map<String, Row> rows = new LinkedHashMap<>();
  private final List<Sum> sums = new ArrayList<>();

  /**
   * @param wards the number of ward columns; the total is the column after them
   */
  SuppressionTable(int wards) {
    this.columns = wards + 1;
  }

  /** The index of the total column. */
  int total() {
    return columns - 1;
  }

  /**
   * An additive count row.
   *
   * @param values per ward, then the total
   * @param over rows this one is computed over as well (nights stayed over the stays completed)
   */
  void count(String name, long[] values, String... over) {
    if (values.length != columns) {
      throw new IllegalArgumentException(
          name + ": " + values.length + " values for " + columns + " columns");
    }
    add(new Row(name, true, values.clone(), over));
  }

  /** A rate or median, hidden wherever one of {@code over} is hidden. */
  void computed(String name, String... over) {
    add(new Row(name, false, new long[columns], over));
  }

  /** In every column, {@code whole} is the sum of {@code parts}. */
  void sum(String whole, String... parts) {
    require(whole);
    for (String part : parts) {
      require(part);
    }
    sums.add(new Sum(whole, List.of(parts)));
  }

  /** Whether the row has this name. */
  boolean has(String name) {
    return rows.containsKey(name);
  }

  /** Whether the cell is hidden (after {@link #suppress}). */
  boolean hidden(String name, int column) {
    return require(name).hidden[column];
  }

  /**
   * Decides which cells to hide; counts from 1 to {@code threshold} and all that follows from them.
   */
  void suppress(int threshold) {
    for (Row row : rows.values()) {
      if (row.count) {
        for (int c = 0; c < columns; c++) {
          if (row.values[c] >= 1 && row.values[c] <= threshold) {
            row.hidden[c] = true;
          }
        }
      }
    }
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Row row : rows.values()) {
        changed |= hideOver(row);
      }
      for (Row row : rows.values()) {
        if (row.count) {
          changed |= completeRow(row);
        }
      }
      for (Sum sum : sums) {
        for (int c = 0; c < columns; c++) {
          changed |= completeSum(sum, c);
        }
      }
    }
  }

  private boolean hideOver(Row row) {
    boolean changed = false;
    for (int c = 0; c < columns; c++) {
      if (row.hidden[c]) {
        continue;
      }
      for (String over : row.over) {
        if (require(over).hidden[c]) {
          row.hidden[c] = true;
          changed = true;
          break;
        }
      }
    }
    return changed;
  }

  /** Total − the visible wards would be the one hidden cell: hide a second. */
  private boolean completeRow(Row row) {
    int hidden = 0;
    for (boolean h : row.hidden) {
      hidden += h ? 1 : 0;
    }
    if (hidden != 1) {
      return false;
    }
    int pick = -1;
    for (int c = 0; c < total(); c++) {
      if (!row.hidden[c] && row.values[c] > 0 && (pick < 0 || row.values[c] < row.values[pick])) {
        pick = c;
      }
    }
    if (pick < 0 && !row.hidden[total()] && row.values[total()] > 0) {
      // No other ward has anything to hide: the total goes instead (total − visible wards =
      // hidden).
      pick = total();
    }
    if (pick < 0) {
      return false; // a hidden total over wards that are all 0: see the class comment
    }
    row.hidden[pick] = true;
    return true;
  }

  /**
   * The whole − the visible parts (or the parts' sum) would be the one hidden cell: hide a second.
   */
  private boolean completeSum(Sum sum, int c) {
    Row whole = require(sum.whole());
    List<Row> parts = sum.parts().stream().map(this::require).toList();
    int hidden = whole.hidden[c] ? 1 : 0;
    for (Row part : parts) {
      hidden += part.hidden[c] ? 1 : 0;
    }
    if (hidden != 1) {
      return false;
    }
    Row pick = null;
    for (Row part : parts) {
      if (!part.hidden[c]
          && part.values[c] > 0
          && (pick == null || part.values[c] < pick.values[c])) {
        pick = part;
      }
    }
    if (pick == null && !whole.hidden[c] && whole.values[c] > 0) {
      pick = whole;
    }
    if (pick == null) {
      return false; // the one hidden cell is 0 and so is everything else: nothing left to hide it
      // by
    }
    pick.hidden[c] = true;
    return true;
  }

  private void add(Row row) {
    if (rows.putIfAbsent(row.name, row) != null) {
      throw new IllegalArgumentException("row " + row.name + " twice");
    }
    for (String over : row.over) {
      require(over);
    }
  }

  private Row require(String name) {
    Row row = rows.get(name);
    if (row == null) {
      throw new IllegalArgumentException("no row " + name);
    }
    return row;
  }

  private static final class Row {
    final String name;
    final boolean count;
    final long[] values;
    final boolean[] hidden;
    final List<String> over;

    Row(String name, boolean count, long[] values, String[] over) {
      this.name = name;
      this.count = count;
      this.values = values;
      this.hidden = new boolean[values.length];
      this.over = Arrays.asList(over.clone());
    }
  }

  private record Sum(String whole, List<String> parts) {}
}
