package jp.coordination.query.consumer;

/**
 * A document's conditional replace kept losing: other writers changed it every time between our
 * read and our write, or the store no longer finds the version it just answered. Either way the
 * store's fault, not the event's: the consumer treats it as it treats MongoDB being unreachable (it
 * starts over from the stored positions after a pause) and never parks the event for it. An event
 * parked for contention would stop its aggregate until an operator came, for a condition that
 * passes by itself.
 */
public final class ContendedDocumentException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ContendedDocumentException(String collection, String id, int attempts) {
    super("Gave up updating " + collection + "/" + id + " after " + attempts + " conflicts");
  }
}
