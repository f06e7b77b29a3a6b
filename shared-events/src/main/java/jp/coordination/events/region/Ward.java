package jp.coordination.events.region;

import java.util.List;

/**
 * A ward of a city, or a municipality of a wide-area region (広域設置): the unit that events count for
 * and dashboards are kept for.
 *
 * @param code upper-case code, e.g. {@code AOBA}
 * @param name its names
 * @param areas optional subdivisions; may be empty
 */
public record Ward(String code, LocalizedName name, List<Area> areas) {
  public Ward {
    areas = areas == null ? List.of() : List.copyOf(areas);
  }

  /** Whether the ward has an area of this code. */
  public boolean hasArea(String areaCode) {
    return areas.stream().anyMatch(a -> a.code().equals(areaCode));
  }
}
