package jp.coordination.query.views;

import java.util.List;
import jp.coordination.query.consumer.ProjectionStore;
import jp.coordination.query.consumer.SequenceGaps;
import jp.coordination.query.consumer.WrittenLast;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the view projector (with every dependent read model), the open lists and the view queries.
 */
@Configuration(proxyBeanMethods = false)
class ViewConfiguration {

  @Bean
  ViewProjector viewProjector(
      ProjectionStore store, List<AggregateChangeProjection> dependents, SequenceGaps skipped) {
    return new ViewProjector(store, dependents, skipped);
  }

  /** A view holding an event's offset marks the event as completely applied: written last. */
  @Bean
  WrittenLast viewsWrittenLast() {
    return new WrittenLast(ViewProjector.WRITTEN_LAST);
  }

  @Bean
  OpenLists openLists(ProjectionStore store) {
    return new OpenLists(store);
  }

  @Bean
  ViewQueries viewQueries(ProjectionStore store) {
    return new ViewQueries(store);
  }
}
