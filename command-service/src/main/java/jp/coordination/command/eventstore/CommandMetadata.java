package jp.coordination.command.eventstore;

/**
 * Keys of the Axon command metadata that the event store turns into envelope fields. The HTTP layer
 * sets them on every command; a correlation data provider copies them onto each event the command
 * applies, and the storage engine reads them when it builds the stored envelope.
 */
public final class CommandMetadata {
  /** The authenticated user name (envelope {@code actor}). */
  public static final String ACTOR = "actor";

  /** The role the user acted in (envelope {@code role}). */
  public static final String ROLE = "role";

  /** Business time as an ISO-8601 instant string (envelope {@code occurredAt}). */
  public static final String OCCURRED_AT = "occurredAt";

  /** The request's correlation id (envelope {@code correlationId}). */
  public static final String CORRELATION_ID = "correlationId";

  /**
   * The command's id: the client's {@code id} when given, else a fresh UUID (envelope {@code
   * causationId}). For commands that create an aggregate it equals the aggregate id.
   */
  public static final String COMMAND_ID = "commandId";

  /**
   * A hash of the request as the client sent it; stored beside the events (not published) so that a
   * retry with the same id can be told apart from a different request reusing the id.
   */
  public static final String REQUEST_HASH = "requestHash";

  /**
   * Set by the dispatcher when a ward-scoped user's command was allowed on the ward of an aggregate
   * at one version: {@code aggregateId@version}. Not an envelope field: the storage engine refuses
   * to append that command at any other version of that aggregate (a conflict, so the check is
   * redone), because the user's scope was only checked for that state.
   */
  public static final String SCOPE_CHECKED = "scopeChecked";

  /** The value of {@link #SCOPE_CHECKED} for a check of this aggregate at this version. */
  public static String scopeChecked(String aggregateId, long version) {
    return aggregateId + "@" + version;
  }

  private CommandMetadata() {}
}
