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
   * A delivery of a record applied later than its turn: a parked record retried or released, a held
   * record whose missing predecessor came. Its real offset is below the watermarks that later
   * records of its partition left on shared documents (a ward dashboard), so it would read as
   * applied. It is applied instead as the only record of a pseudo-partition of its own, numbered
   * once per record ({@code -number}), at offset 0: a document holding that key has its effect, so
   * an attempt interrupted half-way is completed exactly once by the next.
   */
  public static Delivery redrive(long number) {
    if (number < 1 || number > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("re-drive number out of range: " + number);
    }
    return new Delivery(-(int) number, 0);
  }

  /** Whether this is a {@link #redrive} delivery. */
  public boolean isRedrive() {
    return partition < 0;
  }

  /** The key of this partition in a document's {@code pos} map (BSON keys are strings). */
  public String partitionKey() {
    return Integer.toString(partition);
  }
}
