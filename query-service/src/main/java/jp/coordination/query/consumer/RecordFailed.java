package jp.coordination.query.consumer;

/**
 * A record of a batch whose projection threw; nothing of the batch was written. Carries the index
 * of the record in the batch so that the caller can apply the others and deal with this one.
 */
final class RecordFailed extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int index;

  RecordFailed(int index, RuntimeException cause) {
    super(cause.getClass().getName(), cause);
    this.index = index;
  }

  int index() {
    return index;
  }

  @Override
  public synchronized RuntimeException getCause() {
    return (RuntimeException) super.getCause();
  }
}
