package jp.coordination.command.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import jp.coordination.command.personaldata.DataKey;
import jp.coordination.command.personaldata.HouseholdKeys;
import jp.coordination.events.household.EncryptedPersonalData;
import jp.coordination.events.personaldata.PersonalDataCipher;
import jp.coordination.events.personaldata.PersonalDataUnavailableException;

/**
 * The one place that knows where personal data sits in an event as the audit trail shows it: the
 * household's encrypted {@code personalData} in the payload (AtRiskHouseholdRegistered revision 2).
 * Masked, it is hidden even as ciphertext; revealed, it is decrypted with the household's key as it
 * is now, so an erased household stays unreadable here too.
 */
public final class PersonalDataMasking {

  /** What a masked value is shown as. */
  public static final String MASK = "***";

  private static final String PAYLOAD = "payload";
  private static final String PERSONAL_DATA = "personalData";
  private static final String ERASED = "personalDataErased";

  private PersonalDataMasking() {}

  /** Whether an event (its envelope as a JSON tree) carries personal data that is not null. */
  public static boolean containsPersonalData(ObjectNode event) {
    JsonNode data = event.path(PAYLOAD).path(PERSONAL_DATA);
    return !data.isMissingNode() && !data.isNull();
  }

  /** Replaces the personal data of an event in place; returns whether there was any. */
  public static boolean mask(ObjectNode event) {
    if (!containsPersonalData(event)) {
      return false;
    }
    ((ObjectNode) event.get(PAYLOAD)).put(PERSONAL_DATA, MASK);
    return true;
  }

  /**
   * Replaces the encrypted personal data of an event in place by its clear form, or by {@code null}
   * with {@code personalDataErased: true} when the household's key is destroyed; returns whether
   * there was any.
   */
  public static boolean reveal(ObjectNode event, HouseholdKeys keys, ObjectMapper mapper) {
    if (!containsPersonalData(event)) {
      return false;
    }
    ObjectNode payload = (ObjectNode) event.get(PAYLOAD);
    String householdId = event.path("aggregateId").asText();
    EncryptedPersonalData blob;
    try {
      blob = mapper.treeToValue(payload.get(PERSONAL_DATA), EncryptedPersonalData.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(
          "Stored personal data of " + householdId + " is malformed", e);
    }
    Optional<DataKey> key = keys.find(householdId);
    if (key.isEmpty()) {
      payload.putNull(PERSONAL_DATA);
      payload.put(ERASED, true);
      return true;
    }
    try {
      payload.set(
          PERSONAL_DATA,
          mapper.valueToTree(PersonalDataCipher.decrypt(householdId, key.get().bytes(), blob)));
      payload.put(ERASED, false);
    } catch (PersonalDataUnavailableException e) {
      // A blob that does not decrypt with the household's key is not shown; the integrity check
      // is where tampering is reported.
      payload.putNull(PERSONAL_DATA);
      payload.put(ERASED, false);
    }
    return true;
  }
}
