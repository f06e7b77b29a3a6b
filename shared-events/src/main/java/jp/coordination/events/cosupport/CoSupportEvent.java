package jp.coordination.events.cosupport;

import jp.coordination.events.DomainEvent;

/** Every event of a co-support case; the aggregate id is the case id. */
public sealed interface CoSupportEvent extends DomainEvent
    permits CoSupportOpened, CoSupportActivityRecorded, CoSupportClosed {

  /** The case's id. */
  String caseId();

  @Override
  default String aggregateId() {
    return caseId();
  }
}
