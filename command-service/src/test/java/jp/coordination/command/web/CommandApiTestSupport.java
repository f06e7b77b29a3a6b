package jp.coordination.command.web;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Optional;
import jp.coordination.command.audit.AccessRecords;
import jp.coordination.command.audit.ActorDirectory;
import jp.coordination.command.audit.AuditEvents;
import jp.coordination.command.audit.Checkpoints;
import jp.coordination.command.audit.IntegrityVerifier;
import jp.coordination.command.eventstore.EventStreams;
import jp.coordination.command.eventstore.StreamScope;
import jp.coordination.platform.security.ProfileGuards;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Base of the HTTP tests: the real controllers, validation, security and error mapping, with the
 * command gateway and the event store's lookups mocked.
 */
@WebMvcTest
@Import(CommandWebTestConfiguration.class)
@ActiveProfiles(ProfileGuards.LOCAL)
@TestPropertySource(
    properties = {
      // The demo user `facility` answers for these two facilities, and for no other.
      "coordination.facility-accounts.demo-facilities.facility="
          + CommandApiTestSupport.BOUND_FACILITY
          + ","
          + CommandApiTestSupport.OTHER_BOUND_FACILITY
    })
public abstract class CommandApiTestSupport {
  /** A facility the demo user {@code facility} answers for. */
  public static final String BOUND_FACILITY = "a3c4e2f0-7b1d-4c9e-b2a8-5e6f7a8b9c0d";

  /** Another facility the demo user {@code facility} answers for. */
  public static final String OTHER_BOUND_FACILITY = "c3a1b2d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d";

  @Autowired protected MockMvc mvc;
  @Autowired protected SimpleMeterRegistry meters;
  @MockitoBean protected CommandGateway commandGateway;
  @MockitoBean protected EventStreams eventStreams;
  // The audit controller is part of the web layer too; its store-backed parts are mocked.
  @MockitoBean protected AuditEvents auditEvents;
  @MockitoBean protected IntegrityVerifier integrityVerifier;
  @MockitoBean protected Checkpoints checkpoints;
  @MockitoBean protected AccessRecords accessRecords;
  // The dispatcher writes every command's actor to it.
  @MockitoBean protected ActorDirectory actorDirectory;

  /** A POST with a JSON body by a demo user (password = user name). */
  protected static MockHttpServletRequestBuilder postAs(String user, String path, String json) {
    return post(path)
        .with(httpBasic(user, user))
        .contentType(MediaType.APPLICATION_JSON)
        .content(json);
  }

  /** Makes the store know an aggregate of this type in this ward. */
  protected void stored(String aggregateId, String aggregateType, String ward) {
    org.mockito.BDDMockito.given(eventStreams.aggregateTypeOf(aggregateId))
        .willReturn(Optional.of(aggregateType));
    org.mockito.BDDMockito.given(eventStreams.scopeOf(aggregateId))
        .willReturn(Optional.of(new StreamScope(aggregateType, ward, 1)));
  }

  /**
   * This instance's cache of recent streams still shows the aggregate as {@code cached}, while
   * MongoDB (another instance wrote meanwhile) has {@code stored}: asked again after {@code
   * forget}, the store's state is the answer.
   */
  protected void staleCache(String aggregateId, StreamScope cached, StreamScope stored) {
    java.util.concurrent.atomic.AtomicBoolean forgotten =
        new java.util.concurrent.atomic.AtomicBoolean();
    org.mockito.BDDMockito.willAnswer(
            call -> {
              forgotten.set(true);
              return null;
            })
        .given(eventStreams)
        .forget(aggregateId);
    org.mockito.BDDMockito.given(eventStreams.aggregateTypeOf(aggregateId))
        .willReturn(Optional.of(cached.aggregateType()));
    org.mockito.BDDMockito.given(eventStreams.scopeOf(aggregateId))
        .willAnswer(call -> Optional.of(forgotten.get() ? stored : cached));
  }
}
