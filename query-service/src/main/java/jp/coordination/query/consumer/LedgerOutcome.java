package jp.coordination.query.consumer;

/** What the dedup ledger says about a delivery of an event. */
public enum LedgerOutcome {
  /** The event was never seen: apply it. */
  FIRST,
  /**
   * The same event at the same partition and offset: an earlier attempt was interrupted (crash,
   * store failure) before the position was stored. Apply again; the per-document guards make the
   * parts already done no-ops.
   */
  REDELIVERY,
  /** The same event id at another position: a re-published copy. Skip it. */
  DUPLICATE
}
