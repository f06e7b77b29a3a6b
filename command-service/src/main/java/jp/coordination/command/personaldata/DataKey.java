package jp.coordination.command.personaldata;

/**
 * A household's unwrapped data key, held in memory only for one request.
 *
 * @param householdId the household (the key's id)
 * @param version the key version
 * @param bytes the 256-bit AES key
 */
public record DataKey(String householdId, int version, byte[] bytes) {
  @Override
  public String toString() {
    // Never print key material.
    return "DataKey[" + householdId + " v" + version + "]";
  }
}
