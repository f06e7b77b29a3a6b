package jp.coordination.query.consumer;

/**
 * Where an event was delivered from. A projection document remembers, per partition, the last
 * offset it applied, so a re-delivery of the same record is recognised without any transaction.
 *
 * @param partition the Kafka partition
 * @param offset the record's offset in that partition
 */
public record Delivery(int partition, long offset) {

  /**
   * The pseudo-partition of records applied later than their turn: parked records retried or
   * released, held records whose missing predecessor came. Their real offsets are below the
   * watermarks that later records of the partition left on shared documents (a ward dashboard),
   * so they are applied as deliveries of their own stream, numbered by a growing counter.
   */
  public static final int REDRIVE_PARTITION = -1;

  /** A delivery of the re-drive stream. */
  public static Delivery redrive(long number) {
    return new Delivery(REDRIVE_PARTITION, number);
  }

  /** The key of this partition in a document's {@code pos} map (BSON keys are strings). */
  public String partitionKey() {
    return Integer.toString(partition);
  }
}
