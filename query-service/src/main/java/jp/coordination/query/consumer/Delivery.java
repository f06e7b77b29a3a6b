package jp.coordination.query.consumer;

/**
 * Where an event was delivered from. A projection document remembers, per partition, the last
 * offset it applied, so a re-delivery of the same record is recognised without any transaction.
 *
 * @param partition the Kafka partition
 * @param offset the record's offset in that partition
 */
public record Delivery(int partition, long offset) {

  /** The key of this partition in a document's {@code pos} map (BSON keys are strings). */
  public String partitionKey() {
    return Integer.toString(partition);
  }
}
