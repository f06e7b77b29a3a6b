package jp.coordination.command.eventstore;

/**
 * The store refused an append because the aggregate already holds events of the same command id (a
 * retried request that raced its original). The caller answers with the stored outcome.
 */
public class DuplicateCommandException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String aggregateId;
  private final String commandId;

  public DuplicateCommandException(String aggregateId, String commandId) {
    super("Command " + commandId + " was already applied to " + aggregateId);
    this.aggregateId = aggregateId;
    this.commandId = commandId;
  }

  public String aggregateId() {
    return aggregateId;
  }

  public String commandId() {
    return commandId;
  }
}
