package jp.coordination.command.eventstore;

/** A command tried to create an aggregate whose id is already taken by another request. */
public class AggregateAlreadyExistsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String aggregateId;

  public AggregateAlreadyExistsException(String aggregateId) {
    super("Aggregate " + aggregateId + " already exists");
    this.aggregateId = aggregateId;
  }

  public String aggregateId() {
    return aggregateId;
  }
}
