package jp.coordination.command.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import jp.coordination.command.web.CommandApiTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** The audit API over HTTP: auditors only, parameters checked, a purpose unmasks. */
class AuditApiTest extends CommandApiTestSupport {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/audit/events",
        "/api/audit/integrity",
        "/api/audit/checkpoints/latest",
        "/api/audit/access"
      })
  void without_credentials_the_audit_api_answers_401(String path) throws Exception {
    mvc.perform(get(path))
        .andExpect(status().isUnauthorized())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
  }

  @ParameterizedTest
  @CsvSource({
    "coordinator, /api/audit/events",
    "aoba-coordinator, /api/audit/integrity",
    "facility, /api/audit/access",
    "aoba-council, /api/audit/events",
    "city-council, /api/audit/checkpoints/latest",
    "analyst, /api/audit/events",
    "operator, /api/audit/events"
  })
  void users_other_than_auditors_are_refused_403(String user, String path) throws Exception {
    mvc.perform(get(path).with(httpBasic(user, user)))
        .andExpect(status().isForbidden())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
  }

  @Test
  void only_an_auditor_may_take_a_checkpoint() throws Exception {
    mvc.perform(post("/api/audit/checkpoints").with(httpBasic("coordinator", "coordinator")))
        .andExpect(status().isForbidden());
    then(checkpoints).should(never()).create();
  }

  @ParameterizedTest
  @CsvSource({
    "from, yesterday",
    "to, 2026-13-01T00:00:00Z",
    "page, -1",
    "page, x",
    "size, 0",
    "size, 201",
    "size, 1.5",
    "purpose, '   '",
    "aggregateId, '\u0001'"
  })
  void a_bad_parameter_is_a_400_naming_it(String field, String value) throws Exception {
    mvc.perform(get("/api/audit/events").param(field, value).with(httpBasic("auditor", "auditor")))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.errors[0].field").value(field));
  }

  @Test
  void a_purpose_longer_than_allowed_is_a_400_naming_it() throws Exception {
    mvc.perform(
            get("/api/audit/events")
                .param("purpose", "x".repeat(501))
                .with(httpBasic("auditor", "auditor")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("purpose"));
  }

  @Test
  void from_not_before_to_is_a_400_naming_to() throws Exception {
    mvc.perform(
            get("/api/audit/access")
                .param("from", "2026-04-02T00:00:00Z")
                .param("to", "2026-04-01T00:00:00Z")
                .with(httpBasic("auditor", "auditor")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("to"));
  }

  @Test
  void too_deep_a_page_is_a_400_naming_page() throws Exception {
    mvc.perform(
            get("/api/audit/events")
                .param("page", "100")
                .param("size", "200")
                .with(httpBasic("auditor", "auditor")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("page"));
  }

  @Test
  void an_auditor_lists_masked_events_by_default() throws Exception {
    given(auditEvents.list(any(), isNull()))
        .willReturn(new AuditEvents.Page(0, 50, 0, AuditEvents.ORDER, true, List.of()));

    mvc.perform(
            get("/api/audit/events")
                .param("type", "{\"$ne\": null}")
                .with(httpBasic("auditor", "auditor")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.masked").value(true));
    ArgumentCaptor<AuditEvents.Query> query = ArgumentCaptor.forClass(AuditEvents.Query.class);
    then(auditEvents).should().list(query.capture(), isNull());
    // An operator object is just text that matches no type.
    assertThat(query.getValue().type()).isEqualTo("{\"$ne\": null}");
  }

  @Test
  void an_auditor_stating_a_purpose_reads_unmasked_as_themselves() throws Exception {
    given(auditEvents.list(any(), any()))
        .willReturn(new AuditEvents.Page(0, 50, 0, AuditEvents.ORDER, false, List.of()));

    mvc.perform(
            get("/api/audit/events")
                .param("purpose", " 苦情調査 ")
                .param("from", "2026-04-01T00:00:00Z")
                .header("X-Correlation-Id", "corr-1")
                .with(httpBasic("auditor", "auditor")))
        .andExpect(status().isOk());
    ArgumentCaptor<AuditEvents.Reader> reader = ArgumentCaptor.forClass(AuditEvents.Reader.class);
    ArgumentCaptor<AuditEvents.Query> query = ArgumentCaptor.forClass(AuditEvents.Query.class);
    then(auditEvents).should().list(query.capture(), reader.capture());
    assertThat(reader.getValue())
        .isEqualTo(new AuditEvents.Reader("auditor", "auditor", "CITY_AUDITOR", "苦情調査", "corr-1"));
    assertThat(query.getValue().from()).isEqualTo(Instant.parse("2026-04-01T00:00:00Z"));
  }

  @Test
  void an_unmasked_read_is_recorded_under_the_tokens_subject_with_its_display_name()
      throws Exception {
    given(auditEvents.list(any(), any()))
        .willReturn(new AuditEvents.Page(0, 50, 0, AuditEvents.ORDER, false, List.of()));

    mvc.perform(
            get("/api/audit/events")
                .param("purpose", "苦情調査")
                .header("X-Correlation-Id", "corr-2")
                .with(
                    jwt()
                        .jwt(token -> token.subject("u-audit-1").claim("name", "監査 一郎"))
                        .authorities(new SimpleGrantedAuthority("ROLE_CITY_AUDITOR"))))
        .andExpect(status().isOk());
    ArgumentCaptor<AuditEvents.Reader> reader = ArgumentCaptor.forClass(AuditEvents.Reader.class);
    then(auditEvents).should().list(any(), reader.capture());
    assertThat(reader.getValue())
        .isEqualTo(new AuditEvents.Reader("u-audit-1", "監査 一郎", "CITY_AUDITOR", "苦情調査", "corr-2"));
  }

  @Test
  void integrity_answers_the_report() throws Exception {
    given(integrityVerifier.verify())
        .willReturn(
            new IntegrityReport(
                false,
                4,
                1,
                Instant.parse("2026-06-02T03:00:00Z"),
                null,
                1,
                new BrokenEvent(BrokenEvent.Problem.HASH_MISMATCH, "h-1", 2L, "e-2", "altered")));

    mvc.perform(get("/api/audit/integrity").with(httpBasic("auditor", "auditor")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.intact").value(false))
        .andExpect(jsonPath("$.events").value(4))
        .andExpect(jsonPath("$.firstBroken.problem").value("HASH_MISMATCH"))
        .andExpect(jsonPath("$.firstBroken.aggregateId").value("h-1"))
        .andExpect(jsonPath("$.firstBroken.sequence").value(2))
        .andExpect(jsonPath("$.firstBroken.eventId").value("e-2"));
  }

  private static final String HASH = "ab".repeat(32);

  @Test
  void integrity_checks_the_last_checkpoint_the_caller_knows_by_number_and_hash() throws Exception {
    given(integrityVerifier.verify(any(KnownCheckpoint.class)))
        .willReturn(
            new IntegrityReport(
                false,
                4,
                1,
                Instant.parse("2026-06-02T03:00:00Z"),
                null,
                1,
                new BrokenEvent(BrokenEvent.Problem.CHECKPOINT_MISSING, null, null, null, "gone")));

    mvc.perform(
            get("/api/audit/integrity")
                .param("checkpoint", "12")
                .param("checkpointHash", HASH.toUpperCase())
                .with(httpBasic("auditor", "auditor")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.intact").value(false))
        .andExpect(jsonPath("$.firstBroken.problem").value("CHECKPOINT_MISSING"));
    then(integrityVerifier).should().verify(new KnownCheckpoint(12, HASH));
  }

  @ParameterizedTest
  @CsvSource({
    "checkpoint, 12, checkpointHash, , checkpointHash",
    "checkpointHash, "
        + "abababababababababababababababababababababababababababababababab"
        + ", checkpoint, , checkpoint",
    "checkpoint, 0, checkpointHash, "
        + "abababababababababababababababababababababababababababababababab"
        + ", checkpoint",
    "checkpoint, x, checkpointHash, "
        + "abababababababababababababababababababababababababababababababab"
        + ", checkpoint",
    "checkpoint, 12, checkpointHash, {\"$ne\": null}, checkpointHash",
    "checkpoint, 12, checkpointHash, abab, checkpointHash"
  })
  void a_known_checkpoint_needs_a_number_and_a_64_digit_hash_else_400_naming_it(
      String name1, String value1, String name2, String value2, String named) throws Exception {
    var request =
        get("/api/audit/integrity").param(name1, value1).with(httpBasic("auditor", "auditor"));
    if (value2 != null) {
      request = request.param(name2, value2);
    }
    mvc.perform(request)
        .andExpect(status().isBadRequest())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.errors[0].field").value(named));
    then(integrityVerifier).shouldHaveNoInteractions();
  }

  @Test
  void without_a_checkpoint_the_latest_is_404() throws Exception {
    given(checkpoints.latest()).willReturn(java.util.Optional.empty());

    mvc.perform(get("/api/audit/checkpoints/latest").with(httpBasic("auditor", "auditor")))
        .andExpect(status().isNotFound());
  }
}
