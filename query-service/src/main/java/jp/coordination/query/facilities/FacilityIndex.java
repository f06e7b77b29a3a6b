package jp.coordination.query.facilities;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import jp.coordination.events.facility.Capability;
import jp.coordination.events.facility.FacilityKind;
import jp.coordination.query.views.FacilityView;

/**
 * Every facility of the region in one document (facilities are tens to hundreds), so a candidate
 * search is one read by {@code _id} instead of a scan, on MongoDB and on its stand-in alike.
 *
 * @param facilities one entry per facility, ordered by id
 */
public record FacilityIndex(List<Entry> facilities) {

  public static final FacilityIndex EMPTY = new FacilityIndex(List.of());

  /** What matching needs to know of one facility. */
  public record Entry(
      String id,
      String name,
      String ward,
      FacilityKind kind,
      List<Capability> capabilities,
      int emergencyBeds,
      int availableBeds) {

    public Entry {
      capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
    }

    static Entry of(FacilityView view) {
      return new Entry(
          view.id(),
          view.name(),
          view.ward(),
          view.kind(),
          view.capabilities(),
          view.emergencyBeds(),
          view.availableBeds());
    }
  }

  public FacilityIndex {
    facilities = facilities == null ? List.of() : List.copyOf(facilities);
  }

  /** The index with this facility's entry replaced by its current view (pure). */
  public FacilityIndex with(FacilityView view) {
    List<Entry> next = new ArrayList<>();
    for (Entry entry : facilities) {
      if (!entry.id().equals(view.id())) {
        next.add(entry);
      }
    }
    next.add(Entry.of(view));
    next.sort(Comparator.comparing(Entry::id));
    return new FacilityIndex(next);
  }
}
