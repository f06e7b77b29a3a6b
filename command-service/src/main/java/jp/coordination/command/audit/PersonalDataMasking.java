package jp.coordination.command.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The one place that knows where personal data sits in an event as the audit trail shows it: the
 * household's {@code person} object in the payload. When the personal-data work replaces the clear
 * {@code person} with ciphertext, only this class changes.
 */
public final class PersonalDataMasking {

  /** What a masked value is shown as. */
  public static final String MASK = "***";

  private static final String PAYLOAD = "payload";
  private static final String PERSON = "person";

  private PersonalDataMasking() {}

  /** Whether an event (its envelope as a JSON tree) carries personal data that is not null. */
  public static boolean containsPersonalData(ObjectNode event) {
    JsonNode person = event.path(PAYLOAD).path(PERSON);
    return !person.isMissingNode() && !person.isNull();
  }

  /** Replaces the personal data of an event in place; returns whether there was any. */
  public static boolean mask(ObjectNode event) {
    if (!containsPersonalData(event)) {
      return false;
    }
    ((ObjectNode) event.get(PAYLOAD)).put(PERSON, MASK);
    return true;
  }
}
