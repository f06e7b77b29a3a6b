package jp.coordination.query.facilities;

import jp.coordination.query.consumer.Delivery;
import jp.coordination.query.consumer.DocumentKind;
import jp.coordination.query.consumer.GuardedUpdate;
import jp.coordination.query.consumer.ProjectionStore;
import jp.coordination.query.consumer.Versioned;
import jp.coordination.query.views.AggregateChange;
import jp.coordination.query.views.AggregateChangeProjection;
import jp.coordination.query.views.FacilityView;

/** Keeps the one-document facility index current, from the same changes as the facility views. */
public final class FacilityIndexProjection implements AggregateChangeProjection {

  public static final DocumentKind<FacilityIndex> FACILITY_INDEX =
      new DocumentKind<>("facility_index", FacilityIndex.class);
  static final String ID = "all";

  private final ProjectionStore store;

  public FacilityIndexProjection(ProjectionStore store) {
    this.store = store;
  }

  @Override
  public boolean apply(AggregateChange change, Delivery delivery) {
    if (!(change.after() instanceof FacilityView facility)) {
      return false;
    }
    return GuardedUpdate.apply(
        store,
        FACILITY_INDEX,
        ID,
        delivery,
        current -> current.orElse(FacilityIndex.EMPTY).with(facility));
  }

  /** The index as stored, empty before the first facility. */
  public FacilityIndex index() {
    return store.read(FACILITY_INDEX, ID).map(Versioned::state).orElse(FacilityIndex.EMPTY);
  }
}
