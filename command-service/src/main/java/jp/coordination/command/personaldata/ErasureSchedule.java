package jp.coordination.command.personaldata;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import jp.coordination.platform.security.Authorities;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;

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
   * The user who asked for an erasure: the sweeper completes it in this user's name and within this
   * user's wards, as they were when the user asked.
   *
   * @param name the user name (event {@code actor})
   * @param authorities the user's authorities then (role and ward scopes, e.g. {@code
   *     ROLE_COORDINATOR}, {@code WARD:AOBA})
   */
  record Requester(String name, List<String> authorities) {
    public Requester {
      authorities = List.copyOf(authorities);
    }

    /** The user of a request, as the schedule keeps it. */
    public static Requester of(Authentication user) {
      return new Requester(
          user.getName(),
          user.getAuthorities().stream()
              .map(GrantedAuthority::getAuthority)
              .filter(Objects::nonNull)
              .toList());
    }

    /** The user again, as the authentication the command dispatch and the scope checks read. */
    public Authentication authentication() {
      return UsernamePasswordAuthenticationToken.authenticated(
          name, null, AuthorityUtils.createAuthorityList(authorities));
    }

    /**
     * The same user without ward scopes: for recording an erasure whose irreversible step was
     * already done (and checked) in the user's request; the record must follow the fact even if the
     * household has left the user's wards since.
     */
    public Requester withoutWardScopes() {
      return new Requester(
          name, authorities.stream().filter(a -> !a.startsWith(Authorities.WARD_PREFIX)).toList());
    }
  }

  /**
   * An entry.
   *
   * @param householdId the household
   * @param trigger why
   * @param commandId the triggering command's id
   * @param dueAt when the erasure is due
   * @param scheduledAt when the entry was written
   * @param requester who asked for the erasure (an erasure request, a withdrawal of consent), or
   *     {@code null} when nobody did (the retention period ran out)
   */
  record Entry(
      String householdId,
      Trigger trigger,
      String commandId,
      Instant dueAt,
      Instant scheduledAt,
      Requester requester) {

    /** An entry nobody asked for (the retention period). */
    public Entry(
        String householdId, Trigger trigger, String commandId, Instant dueAt, Instant scheduledAt) {
      this(householdId, trigger, commandId, dueAt, scheduledAt, null);
    }

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
