package jp.coordination.command.personaldata;

import java.time.Instant;
import java.util.List;

/**
 * Erasures still to do (collection {@code erasure_schedule}): one entry per triggering command,
 * written before that command runs, removed once the erasure is recorded. The collection stays
 * small (deregistered households within the retention period), so it is scanned whole.
 */
public interface ErasureSchedule {

  /** Why an entry exists. */
  enum Trigger {
    /** An erasure was requested; the entry completes it if the request died half-way. */
    ERASURE,
    /** A household is being deregistered; erase when due if the deregistration was stored. */
    DEREGISTRATION
  }

  /**
   * An entry.
   *
   * @param householdId the household
   * @param trigger why
   * @param commandId the triggering command's id
   * @param dueAt when the erasure is due
   * @param scheduledAt when the entry was written
   */
  record Entry(String householdId, Trigger trigger, String commandId, Instant dueAt, Instant scheduledAt) {
    /** The entry's {@code _id}. */
    public String id() {
      return householdId + "/" + commandId;
    }
  }

  /** Adds or replaces an entry (idempotent). */
  void put(Entry entry);

  /** Entries due at {@code now}. */
  List<Entry> dueAt(Instant now);

  /** Removes an entry; removing a missing one is no error. */
  void remove(Entry entry);
}
