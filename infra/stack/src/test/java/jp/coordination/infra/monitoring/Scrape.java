package jp.coordination.infra.monitoring;

import java.util.Set;
import java.util.TreeSet;

/**
 * The sample names of a Prometheus text exposition ({@code /actuator/prometheus}): what a query can
 * select, suffixes included ({@code _bucket}, {@code _count}, {@code _sum}, {@code _max}, {@code
 * _total}), as Micrometer renders them.
 */
public final class Scrape {
  private Scrape() {}

  public static Set<String> sampleNames(String exposition) {
    Set<String> names = new TreeSet<>();
    for (String line : exposition.split("\n")) {
      String sample = line.strip();
      if (sample.isEmpty() || sample.startsWith("#")) {
        continue;
      }
      int end = 0;
      while (end < sample.length()
          && sample.charAt(end) != '{'
          && !Character.isWhitespace(sample.charAt(end))) {
        end++;
      }
      names.add(sample.substring(0, end));
    }
    return names;
  }
}
