package jp.coordination.query.views;

import java.util.Optional;
import jp.coordination.query.consumer.DocumentKind;
import jp.coordination.query.consumer.ProjectionStore;
import jp.coordination.query.consumer.Versioned;

/** Reads views by id. */
public final class ViewQueries {

  private final ProjectionStore store;

  public ViewQueries(ProjectionStore store) {
    this.store = store;
  }

  public Optional<HouseholdView> household(String id) {
    return find(Views.HOUSEHOLDS, id);
  }

  public Optional<IntakeView> intake(String id) {
    return find(Views.INTAKES, id);
  }

  public Optional<CoSupportView> coSupport(String id) {
    return find(Views.CO_SUPPORTS, id);
  }

  public Optional<FacilityView> facility(String id) {
    return find(Views.FACILITIES, id);
  }

  private <S> Optional<S> find(DocumentKind<S> kind, String id) {
    return store.read(kind, id).map(Versioned::state);
  }
}
