package jp.coordination.command.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.DoubleStream;
import jp.coordination.command.audit.ActorDirectory;
import jp.coordination.command.eventstore.AggregateAlreadyExistsException;
import jp.coordination.command.eventstore.CommandMetadata;
import jp.coordination.command.eventstore.DuplicateCommandException;
import jp.coordination.command.eventstore.EventStreams;
import jp.coordination.command.eventstore.StoredCommand;
import jp.coordination.command.eventstore.StreamScope;
import jp.coordination.command.rules.FieldRejectedException;
import jp.coordination.command.rules.RuleBrokenException;
import jp.coordination.platform.correlation.CorrelationIdFilter;
import jp.coordination.platform.problem.ConflictException;
import jp.coordination.platform.problem.NotFoundException;
import jp.coordination.platform.problem.ProblemText;
import jp.coordination.platform.security.Actor;
import jp.coordination.platform.security.ConstantTime;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Sends a command the way every endpoint must: ward scope checked, business time resolved, metadata
 * set, the actor's display name kept for the audit trail, a retried request recognised by its
 * {@code id} and answered as the first time, and the latency recorded and the command noted for its
 * log line ({@link CommandLog}). Controllers only map the body to a command.
 */
@Component
public class CommandDispatcher {
  /** Timer of command handling as seen by the HTTP layer, tagged with command and outcome. */
  public static final String LATENCY_TIMER = "coordination.command.latency";

  /**
   * Fixed buckets of {@link #LATENCY_TIMER}: Prometheus computes percentiles over all instances
   * from them ({@code histogram_quantile}). Twelve, not Micrometer's ~70 of a percentile histogram,
   * since every command and outcome has its own set.
   */
  static final Duration[] LATENCY_BUCKETS =
      DoubleStream.of(2.5, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000)
          .mapToObj(ms -> Duration.ofNanos((long) (ms * 1_000_000)))
          .toArray(Duration[]::new);

  private static final int MAX_CONFLICT_ATTEMPTS = 3;

  private final CommandGateway commandGateway;
  private final EventStreams eventStreams;
  private final RequestHasher hasher;
  private final BusinessTime businessTime;
  private final MeterRegistry meterRegistry;
  private final ActorDirectory actors;
  private final CommandLog commandLog;

  public CommandDispatcher(
      CommandGateway commandGateway,
      EventStreams eventStreams,
      RequestHasher hasher,
      BusinessTime businessTime,
      MeterRegistry meterRegistry,
      ActorDirectory actors,
      CommandLog commandLog) {
    this.commandGateway = commandGateway;
    this.eventStreams = eventStreams;
    this.hasher = hasher;
    this.businessTime = businessTime;
    this.meterRegistry = meterRegistry;
    this.actors = actors;
    this.commandLog = commandLog;
  }

  /**
   * A command that creates an aggregate.
   *
   * @param ward the ward the new aggregate counts for (checked against the user's scope)
   * @param clientId the body's {@code id}, which becomes the aggregate id, or {@code null}
   * @param at the body's {@code at} as given, or {@code null}
   * @param request the bound body, hashed as received
   * @param command builds the command for the aggregate id
   */
  public record Creation(
      String ward, UUID clientId, String at, Object request, Function<String, Object> command) {}

  /**
   * A command on an existing aggregate.
   *
   * @param aggregateType the type the path's id must have ({@code AggregateType})
   * @param aggregateId the path's id
   * @param clientId the body's {@code id} (the command id), or {@code null}
   * @param at the body's {@code at} as given, or {@code null}
   * @param request the bound body, hashed as received
   * @param command the command
   * @param targetWards further wards the command affects (a move's target), checked against scope
   * @param precondition a check of other stored streams, run once the user is known to be allowed
   */
  public record Change(
      String aggregateType,
      String aggregateId,
      UUID clientId,
      String at,
      Object request,
      Object command,
      List<String> targetWards,
      Runnable precondition) {

    public Change(
        String aggregateType,
        String aggregateId,
        UUID clientId,
        String at,
        Object request,
        Object command) {
      this(aggregateType, aggregateId, clientId, at, request, command, List.of(), () -> {});
    }
  }

  /**
   * A command that sets the record a path names (PUT): it creates the record when there is none yet
   * and replaces what it holds otherwise.
   *
   * @param aggregateType the type the record has or will have ({@code AggregateType})
   * @param aggregateId the id the path names
   * @param ward the ward the record counts for (checked against the user's scope); {@code null} for
   *     a record of the whole region, which only a user without ward scope may set
   * @param clientId the body's {@code id} (the command id), or {@code null}
   * @param at the body's {@code at} as given, or {@code null}
   * @param request the bound body, hashed as received
   * @param command the command; its handler creates the aggregate if missing
   */
  public record Replacement(
      String aggregateType,
      String aggregateId,
      String ward,
      UUID clientId,
      String at,
      Object request,
      Object command) {}

  /** Dispatches a create command: 201 with Location, or the stored first answer of a retry. */
  public ResponseEntity<CommandAccepted> create(Creation creation) {
    String aggregateId =
        creation.clientId() != null ? creation.clientId().toString() : UUID.randomUUID().toString();
    // A create command's id is the aggregate id; its type is known once it is built.
    commandLog.dispatching(null, aggregateId, aggregateId);
    Actor actor = currentActor();
    requireScope(actor, creation.ward());
    Instant occurredAt = businessTime.resolve(creation.at());
    // The command is built before the request is hashed: a builder may complete the request's
    // fingerprint (a registration adds a keyed fingerprint of the personal data it encrypts).
    Object command = creation.command().apply(aggregateId);
    String kind = command.getClass().getSimpleName();
    commandLog.dispatching(kind, aggregateId, aggregateId);
    String requestHash = hasher.hash(kind, null, creation.request());
    // A create command's id is the aggregate id, so its retry is found under that aggregate.
    return execute(
        new Dispatch(
            kind, aggregateId, aggregateId, creation.clientId() != null, requestHash, true, false),
        actor,
        occurredAt,
        command,
        null,
        () -> null);
  }

  /** Dispatches a command on an existing aggregate: 200, or the stored first answer of a retry. */
  public ResponseEntity<CommandAccepted> change(Change change) {
    String commandId =
        change.clientId() != null ? change.clientId().toString() : UUID.randomUUID().toString();
    String kind = change.command().getClass().getSimpleName();
    commandLog.dispatching(kind, change.aggregateId(), commandId);
    Actor actor = currentActor();
    Checks checks =
        () -> {
          StreamScope scope = requireExisting(actor, change.aggregateType(), change.aggregateId());
          change.targetWards().forEach(ward -> requireScope(actor, ward));
          change.precondition().run();
          return scope;
        };
    // Checked once here so that a refusal comes before a malformed `at` is reported, as always;
    // every attempt below checks again, on the data that attempt uses.
    StreamScope scope = checks.run();
    Instant occurredAt = businessTime.resolve(change.at());
    String requestHash = hasher.hash(kind, change.aggregateId(), change.request());
    return execute(
        new Dispatch(
            kind,
            change.aggregateId(),
            commandId,
            change.clientId() != null,
            requestHash,
            false,
            false),
        actor,
        occurredAt,
        change.command(),
        scope,
        checks);
  }

  /**
   * Dispatches a command that creates or replaces the record the path names: 201 when it created
   * the record, 200 when it replaced it (both with the request's URI as the record's), or the
   * stored first answer of a retry. A creation that loses a race with another one is redone as a
   * replacement.
   */
  public ResponseEntity<CommandAccepted> replace(Replacement replacement) {
    String commandId =
        replacement.clientId() != null
            ? replacement.clientId().toString()
            : UUID.randomUUID().toString();
    String kind = replacement.command().getClass().getSimpleName();
    commandLog.dispatching(kind, replacement.aggregateId(), commandId);
    Actor actor = currentActor();
    requireScope(actor, replacement.ward());
    Checks checks =
        () -> {
          Optional<String> type = eventStreams.aggregateTypeOf(replacement.aggregateId());
          if (type.isPresent() && !type.get().equals(replacement.aggregateType())) {
            throw new ConflictException(ProblemText.of("conflict.id-used"), "id");
          }
          return null;
        };
    checks.run();
    Instant occurredAt = businessTime.resolve(replacement.at());
    String requestHash = hasher.hash(kind, replacement.aggregateId(), replacement.request());
    return execute(
        new Dispatch(
            kind,
            replacement.aggregateId(),
            commandId,
            replacement.clientId() != null,
            requestHash,
            false,
            true),
        actor,
        occurredAt,
        replacement.command(),
        null,
        checks);
  }

  /**
   * Everything an attempt decides on besides the aggregate itself: the scope check, further wards
   * and the preconditions. May answer from the cache of recent streams, so it runs again on every
   * attempt, after a conflict has dropped the stale entry.
   *
   * @return the aggregate's state the scope was checked on, or {@code null} for a creation
   */
  @FunctionalInterface
  private interface Checks {
    StreamScope run();
  }

  private record Dispatch(
      String kind,
      String aggregateId,
      String commandId,
      boolean clientChoseId,
      String requestHash,
      boolean creates,
      boolean replaces) {}

  private ResponseEntity<CommandAccepted> execute(
      Dispatch dispatch,
      Actor actor,
      Instant occurredAt,
      Object command,
      StreamScope checkedScope,
      Checks checks) {
    Timer.Sample sample = Timer.start(meterRegistry);
    String outcome = "error";
    String correlationId = correlationId();
    try {
      // Before the command, and a failed write fails the request before anything is stored, so
      // that no stored event has an actor the audit listing cannot name. Failing a command for it
      // costs little: the directory lives in the store's database, and a store that cannot take
      // this write would most likely refuse the append too.
      actors.remember(actor);
      for (int attempt = 1; ; attempt++) {
        // The first attempt uses the checks the caller has just made; a retry makes them again.
        StreamScope scope = attempt == 1 ? checkedScope : checks.run();
        if (dispatch.clientChoseId()) {
          Optional<StoredCommand> stored =
              eventStreams.findCommand(dispatch.aggregateId(), dispatch.commandId());
          if (stored.isPresent()) {
            ResponseEntity<CommandAccepted> answer = firstAnswer(dispatch, stored.get());
            outcome = "replayed";
            commandLog.replayed();
            return answer;
          }
        }
        MetaData metaData =
            MetaData.with(CommandMetadata.ACTOR, actor.name())
                .and(CommandMetadata.ROLE, actor.role())
                .and(CommandMetadata.OCCURRED_AT, occurredAt.toString())
                .and(CommandMetadata.CORRELATION_ID, correlationId)
                .and(CommandMetadata.COMMAND_ID, dispatch.commandId())
                .and(CommandMetadata.REQUEST_HASH, dispatch.requestHash());
        if (scope != null && actor.wardScoped()) {
          // The ward was checked on this version only: the store refuses any other (a conflict).
          metaData =
              metaData.and(
                  CommandMetadata.SCOPE_CHECKED,
                  CommandMetadata.scopeChecked(dispatch.aggregateId(), scope.version()));
        }
        Optional<Object> result =
            sendOnce(
                dispatch,
                scope,
                attempt,
                GenericCommandMessage.asCommandMessage(command).withMetaData(metaData));
        if (result.isEmpty()) {
          continue;
        }
        if (!(result.get() instanceof Number sequence)) {
          throw new IllegalStateException(dispatch.kind() + " handler returned no sequence number");
        }
        outcome = "accepted";
        if (dispatch.replaces()) {
          // Sequence 0: this command created the record.
          return answer(
              sequence.longValue() == 0, true, dispatch.aggregateId(), sequence.longValue());
        }
        return answer(dispatch.creates(), false, dispatch.aggregateId(), sequence.longValue());
      }
    } catch (DuplicateCommandException e) {
      // The same id raced its original, which won: answer as the original did.
      StoredCommand stored =
          eventStreams
              .findCommand(dispatch.aggregateId(), dispatch.commandId())
              .orElseThrow(
                  () -> new IllegalStateException("Duplicate command not found in store", e));
      ResponseEntity<CommandAccepted> answer = firstAnswer(dispatch, stored);
      outcome = "replayed";
      commandLog.replayed();
      return answer;
    } catch (AggregateAlreadyExistsException e) {
      outcome = "conflict";
      throw new ConflictException(ProblemText.of("conflict.id-used"), "id");
    } catch (RuntimeException e) {
      outcome = outcomeOf(e);
      throw e;
    } finally {
      sample.stop(
          Timer.builder(LATENCY_TIMER)
              .tags("command", dispatch.kind(), "outcome", outcome)
              .serviceLevelObjectives(LATENCY_BUCKETS)
              .register(meterRegistry));
    }
  }

  /**
   * One attempt; empty when it must be redone.
   *
   * <p>A conflict means another writer (a second instance, or the same id racing its original)
   * appended after the state this attempt decided on, which may have come from the cache of recent
   * streams. The store has dropped that entry; the aggregate is dropped here too, so the next
   * attempt redoes the checks, the lookup of a retried id and the load on what MongoDB holds. If
   * the racing writer was this very command, its stored events are the answer.
   *
   * <p>A rule's refusal decided on a cached state that is behind the store would be a wrong answer
   * (the aggregate may have moved on elsewhere): it is confirmed against MongoDB's version first,
   * and the attempt redone if that version differs.
   */
  private Optional<Object> sendOnce(
      Dispatch dispatch, StreamScope scope, int attempt, Object message) {
    try {
      return Optional.of(sendAndWait(message));
    } catch (AggregateAlreadyExistsException e) {
      if (!dispatch.replaces()) {
        throw e;
      }
      // Another request created the record first: this one replaces what that one set.
      return redoAfterConflict(dispatch, attempt);
    } catch (ConcurrencyException e) {
      return redoAfterConflict(dispatch, attempt);
    } catch (RuleBrokenException | FieldRejectedException e) {
      if (scope == null || attempt >= MAX_CONFLICT_ATTEMPTS) {
        throw e;
      }
      eventStreams.forget(dispatch.aggregateId());
      long stored =
          eventStreams.scopeOf(dispatch.aggregateId()).map(StreamScope::version).orElse(-1L);
      if (stored == scope.version()) {
        throw e;
      }
      return Optional.empty();
    }
  }

  /**
   * After a conflicting append: the stored answer if it was this very command, else another
   * attempt.
   */
  private Optional<Object> redoAfterConflict(Dispatch dispatch, int attempt) {
    eventStreams.forget(dispatch.aggregateId());
    if (eventStreams.findCommand(dispatch.aggregateId(), dispatch.commandId()).isPresent()) {
      throw new DuplicateCommandException(dispatch.aggregateId(), dispatch.commandId());
    }
    if (attempt >= MAX_CONFLICT_ATTEMPTS) {
      throw new ConflictException(ProblemText.of("conflict.concurrent-change"), "id");
    }
    return Optional.empty();
  }

  /**
   * Axon rethrows a handler's unchecked exception as is when the bus is local; a distributed bus
   * wraps it, so unwrap to keep the HTTP mapping the same either way.
   */
  private Object sendAndWait(Object message) {
    try {
      return commandGateway.sendAndWait(message);
    } catch (CommandExecutionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  private ResponseEntity<CommandAccepted> firstAnswer(Dispatch dispatch, StoredCommand stored) {
    if (!ConstantTime.equal(stored.requestHash(), dispatch.requestHash())) {
      throw new ConflictException(ProblemText.of("conflict.id-other-request"), "id");
    }
    return answer(
        stored.created(), dispatch.replaces(), stored.aggregateId(), stored.lastSequence());
  }

  /**
   * 200, or 201 with the new record's location: the request's URI plus the id, or the request's URI
   * itself when the path already names the record (a replacement).
   */
  private static ResponseEntity<CommandAccepted> answer(
      boolean created, boolean pathNamesRecord, String aggregateId, long sequence) {
    CommandAccepted body = new CommandAccepted(aggregateId, sequence);
    if (!created) {
      return ResponseEntity.ok(body);
    }
    URI location =
        pathNamesRecord
            ? ServletUriComponentsBuilder.fromCurrentRequestUri().build().toUri()
            : ServletUriComponentsBuilder.fromCurrentRequestUri()
                .path("/{id}")
                .buildAndExpand(aggregateId)
                .toUri();
    return ResponseEntity.status(HttpStatus.CREATED).location(location).body(body);
  }

  private static String outcomeOf(RuntimeException e) {
    if (e instanceof RuleBrokenException || e instanceof ConflictException) {
      return "conflict";
    }
    if (e instanceof FieldRejectedException) {
      return "rejected";
    }
    if (e instanceof AggregateNotFoundException) {
      return "not_found";
    }
    return "error";
  }

  /**
   * Authorisation first, existence second: a ward-scoped user learns nothing about aggregates
   * outside the scope, not even whether they exist.
   */
  private StreamScope requireExisting(Actor actor, String aggregateType, String aggregateId) {
    Optional<StreamScope> scope =
        eventStreams.scopeOf(aggregateId).filter(s -> aggregateType.equals(s.aggregateType()));
    if (actor.wardScoped() && !scope.map(s -> mayActIn(actor, s)).orElse(false)) {
      // The answer may come from a cached state behind the store: refuse only on MongoDB's.
      eventStreams.forget(aggregateId);
      scope =
          eventStreams.scopeOf(aggregateId).filter(s -> aggregateType.equals(s.aggregateType()));
      if (!scope.map(s -> mayActIn(actor, s)).orElse(false)) {
        throw new AccessDeniedException("outside the user's wards");
      }
    }
    return scope.orElseThrow(() -> NotFoundException.noSuchRecord());
  }

  private static boolean mayActIn(Actor actor, StreamScope scope) {
    return scope.ward() != null && actor.mayActIn(scope.ward());
  }

  private static void requireScope(Actor actor, String ward) {
    if (!actor.mayActIn(ward)) {
      throw new AccessDeniedException("outside the user's wards");
    }
  }

  private static Actor currentActor() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication == null) {
      // The security chain lets no command through unauthenticated; this guards a misconfiguration.
      throw new AccessDeniedException("not authenticated");
    }
    return Actor.of(authentication);
  }

  private static String correlationId() {
    String id = CorrelationIdFilter.current();
    return id != null ? id : UUID.randomUUID().toString();
  }
}
