package jp.coordination.command.personaldata;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import jp.coordination.events.personaldata.PersonalDataCipher;

/** {@link HouseholdKeys} in memory, for web tests. A destroyed key is kept as {@code null}. */
public final class InMemoryHouseholdKeys implements HouseholdKeys {
  private final Map<String, Optional<byte[]>> keys = new ConcurrentHashMap<>();

  @Override
  public DataKey keyFor(String householdId) {
    Optional<byte[]> key =
        keys.computeIfAbsent(householdId, id -> Optional.of(PersonalDataCipher.newDataKey()));
    return new DataKey(
        householdId, 1, key.orElseThrow(() -> new KeyDestroyedException(householdId)));
  }

  @Override
  public Optional<DataKey> find(String householdId) {
    return keys.getOrDefault(householdId, Optional.empty())
        .map(k -> new DataKey(householdId, 1, k));
  }

  @Override
  public void destroy(String householdId, Instant at) {
    keys.put(householdId, Optional.empty());
  }

  public boolean destroyed(String householdId) {
    return keys.containsKey(householdId) && keys.get(householdId).isEmpty();
  }

  public void clear() {
    keys.clear();
  }
}
