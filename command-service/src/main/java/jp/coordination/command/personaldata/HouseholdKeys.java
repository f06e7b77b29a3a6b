package jp.coordination.command.personaldata;

import java.time.Instant;
import java.util.Optional;

/**
 * The per-household data keys, stored apart from the events (collection {@code household_keys},
 * {@code _id} = household id), wrapped by the master key.
 */
public interface HouseholdKeys {

  /**
   * The household's key, created on first use. A retried registration gets the same key.
   *
   * @throws KeyDestroyedException if the household's key was destroyed (its data erased)
   */
  DataKey keyFor(String householdId);

  /** The household's key, if it exists and was not destroyed. */
  Optional<DataKey> find(String householdId);

  /**
   * Destroys the household's key: the wrapped key is overwritten, a tombstone with {@code
   * destroyedAt} stays so that the id can never get a new key. Idempotent.
   */
  void destroy(String householdId, Instant at);
}
