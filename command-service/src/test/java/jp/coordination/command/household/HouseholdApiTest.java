package jp.coordination.command.household;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import jp.coordination.command.eventstore.AggregateAlreadyExistsException;
import jp.coordination.command.eventstore.CommandMetadata;
import jp.coordination.command.eventstore.DuplicateCommandException;
import jp.coordination.command.eventstore.StoredCommand;
import jp.coordination.command.rules.RuleBrokenException;
import jp.coordination.command.web.CommandApiTestSupport;
import jp.coordination.command.web.CommandDispatcher;
import jp.coordination.events.AggregateType;
import jp.coordination.platform.correlation.CorrelationIdFilter;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.http.MediaType;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.servlet.MvcResult;

class HouseholdApiTest extends CommandApiTestSupport {
  @org.springframework.beans.factory.annotation.Autowired
  private jp.coordination.command.personaldata.InMemoryHouseholdKeys keys;

  @org.springframework.beans.factory.annotation.Autowired
  private jp.coordination.command.personaldata.InMemoryErasureSchedule schedule;

  @org.junit.jupiter.api.BeforeEach
  void emptyKeyStore() {
    keys.clear();
    schedule.clear();
  }

  private static final String ID = "6f1c2a52-5d0e-4c41-9d7e-0d6f3c1b2a10";
  private static final String COMMAND_ID = "9a9b9c9d-0000-4000-8000-000000000001";

  private static String registration(String ward, String riskFactor, String at) {
    return """
        {"id": "%s", "at": %s, "ward": "%s", "riskFactors": ["%s"], "disabilityTypes": ["INTELLECTUAL"],
         "child": false, "supportNeeds": ["BEHAVIOURAL_SUPPORT"], "consentAt": "2026-05-01T10:00:00+09:00",
         "person": {"name": "仙台 太郎", "address": "青葉区一番町1-1", "birthYear": 1990}}
        """
        .formatted(ID, at == null ? "null" : "\"" + at + "\"", ward, riskFactor);
  }

  private static final String VALID =
      registration("AOBA", "CAREGIVER_AGED", "2026-06-02T11:00:00+09:00");

  @Test
  void registering_a_household_answers_201_with_location_id_and_sequence() throws Exception {
    given(commandGateway.<Long>sendAndWait(any())).willReturn(0L);

    mvc.perform(postAs("coordinator", "/api/households", VALID))
        .andExpect(status().isCreated())
        .andExpect(header().string("Location", "http://localhost/api/households/" + ID))
        .andExpect(jsonPath("$.id").value(ID))
        .andExpect(jsonPath("$.sequence").value(0));
  }

  @Test
  void every_command_carries_actor_role_business_time_correlation_command_id_and_request_hash()
      throws Exception {
    given(commandGateway.<Long>sendAndWait(any())).willReturn(0L);

    mvc.perform(
            postAs("coordinator", "/api/households", VALID)
                .header(CorrelationIdFilter.HEADER, "req-42"))
        .andExpect(status().isCreated())
        .andExpect(header().string(CorrelationIdFilter.HEADER, "req-42"));

    ArgumentCaptor<CommandMessage<?>> sent = ArgumentCaptor.forClass(CommandMessage.class);
    then(commandGateway).should().sendAndWait(sent.capture());
    var metaData = sent.getValue().getMetaData();
    assertThat(sent.getValue().getPayload()).isInstanceOf(RegisterAtRiskHousehold.class);
    assertThat(metaData.get(CommandMetadata.ACTOR)).isEqualTo("coordinator");
    assertThat(metaData.get(CommandMetadata.ROLE)).isEqualTo("COORDINATOR");
    assertThat(metaData.get(CommandMetadata.OCCURRED_AT)).isEqualTo("2026-06-02T02:00:00Z");
    assertThat(metaData.get(CommandMetadata.CORRELATION_ID)).isEqualTo("req-42");
    assertThat(metaData.get(CommandMetadata.COMMAND_ID)).isEqualTo(ID);
    assertThat((String) metaData.get(CommandMetadata.REQUEST_HASH)).matches("[0-9a-f]{64}");
  }

  @Test
  void business_time_defaults_to_now() throws Exception {
    given(commandGateway.<Long>sendAndWait(any())).willReturn(0L);

    mvc.perform(
            postAs("coordinator", "/api/households", registration("AOBA", "CAREGIVER_AGED", null)))
        .andExpect(status().isCreated());

    ArgumentCaptor<CommandMessage<?>> sent = ArgumentCaptor.forClass(CommandMessage.class);
    then(commandGateway).should().sendAndWait(sent.capture());
    assertThat(sent.getValue().getMetaData().get(CommandMetadata.OCCURRED_AT))
        .isEqualTo("2026-06-02T03:00:00Z");
  }

  @Test
  void a_correlation_id_that_is_not_a_short_token_is_replaced() throws Exception {
    given(commandGateway.<Long>sendAndWait(any())).willReturn(0L);

    mvc.perform(
            postAs("coordinator", "/api/households", VALID)
                .header(CorrelationIdFilter.HEADER, "two words"))
        .andExpect(status().isCreated())
        .andExpect(header().string(CorrelationIdFilter.HEADER, matchesPattern("[0-9a-f-]{36}")));
    mvc.perform(
            postAs("coordinator", "/api/households", VALID)
                .header(CorrelationIdFilter.HEADER, "x".repeat(65)))
        .andExpect(header().string(CorrelationIdFilter.HEADER, matchesPattern("[0-9a-f-]{36}")));
  }

  @Test
  void malformed_json_is_refused_with_400_problem() throws Exception {
    mvc.perform(postAs("coordinator", "/api/households", "{\"ward\": \"AOBA\","))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.status").value(400))
        .andExpect(jsonPath("$.type").exists())
        .andExpect(jsonPath("$.title").exists())
        .andExpect(jsonPath("$.detail").exists())
        .andExpect(jsonPath("$.errors").isArray());
    then(commandGateway).shouldHaveNoInteractions();
  }

  @Test
  void an_unknown_risk_factor_code_is_refused_naming_its_position() throws Exception {
    mvc.perform(postAs("coordinator", "/api/households", registration("AOBA", "RICH_UNCLE", null)))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.errors[0].field").value("riskFactors[0]"))
        .andExpect(jsonPath("$.errors[0].message").value(containsString("CAREGIVER_AGED")))
        .andExpect(jsonPath("$.detail").value(not(containsString("jp.coordination"))));
  }

  @Test
  void a_missing_field_is_refused_naming_it() throws Exception {
    String withoutName = VALID.replace("\"name\": \"仙台 太郎\", ", "");
    mvc.perform(postAs("coordinator", "/api/households", withoutName))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("person.name"));
  }

  @Test
  void registering_without_a_risk_factor_is_refused_naming_riskFactors() throws Exception {
    String none = VALID.replace("[\"CAREGIVER_AGED\"]", "[]");
    mvc.perform(postAs("coordinator", "/api/households", none))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("riskFactors"));
  }

  @Test
  void an_unknown_ward_is_refused_naming_ward() throws Exception {
    mvc.perform(
            postAs(
                "coordinator", "/api/households", registration("SHIBUYA", "CAREGIVER_AGED", null)))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("ward"));
    then(commandGateway).shouldHaveNoInteractions();
  }

  @Test
  void a_business_time_more_than_5_minutes_ahead_is_refused_naming_at() throws Exception {
    mvc.perform(
            postAs(
                "coordinator",
                "/api/households",
                registration("AOBA", "CAREGIVER_AGED", "2026-06-02T12:05:01+09:00")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("at"));
    then(commandGateway).shouldHaveNoInteractions();
  }

  @Test
  void a_business_time_up_to_5_minutes_ahead_is_accepted() throws Exception {
    given(commandGateway.<Long>sendAndWait(any())).willReturn(0L);
    mvc.perform(
            postAs(
                "coordinator",
                "/api/households",
                registration("AOBA", "CAREGIVER_AGED", "2026-06-02T12:05:00+09:00")))
        .andExpect(status().isCreated());
  }

  @Test
  void a_business_time_before_fiscal_year_2000_is_refused_naming_at() throws Exception {
    mvc.perform(
            postAs(
                "coordinator",
                "/api/households",
                registration("AOBA", "CAREGIVER_AGED", "2000-03-31T23:59:59+09:00")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("at"));
    then(commandGateway).shouldHaveNoInteractions();
  }

  @Test
  void the_first_instant_of_fiscal_year_2000_is_accepted() throws Exception {
    given(commandGateway.<Long>sendAndWait(any())).willReturn(0L);
    mvc.perform(
            postAs(
                "coordinator",
                "/api/households",
                registration("AOBA", "CAREGIVER_AGED", "2000-04-01T00:00:00+09:00")))
        .andExpect(status().isCreated());
  }

  @Test
  void the_extreme_business_time_that_once_stopped_the_read_side_is_refused_naming_at()
      throws Exception {
    for (String extreme :
        new String[] {"-999999999-01-01T00:00:00+18:00", "+999999999-12-31T23:59:59-18:00"}) {
      mvc.perform(
              postAs(
                  "coordinator",
                  "/api/households",
                  registration("AOBA", "CAREGIVER_AGED", extreme)))
          .andExpect(status().isBadRequest())
          .andExpect(jsonPath("$.errors[0].field").value("at"));
    }
    then(commandGateway).shouldHaveNoInteractions();
  }

  @Test
  void a_consent_time_outside_the_business_time_range_is_refused_naming_consentAt()
      throws Exception {
    for (String consentAt :
        new String[] {
          "1999-12-31T10:00:00+09:00",
          "2026-06-02T12:05:01+09:00",
          "-999999999-01-01T00:00:00+18:00"
        }) {
      mvc.perform(
              postAs(
                  "coordinator",
                  "/api/households",
                  VALID.replace("2026-05-01T10:00:00+09:00", consentAt)))
          .andExpect(status().isBadRequest())
          .andExpect(jsonPath("$.errors[0].field").value("consentAt"));
    }
    then(commandGateway).shouldHaveNoInteractions();
  }

  @Test
  void a_business_time_without_offset_is_refused_naming_at() throws Exception {
    mvc.perform(
            postAs(
                "coordinator",
                "/api/households",
                registration("AOBA", "CAREGIVER_AGED", "2026-06-02T11:00:00")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("at"));
  }

  @Test
  void an_id_that_is_not_a_uuid_is_refused_naming_id() throws Exception {
    mvc.perform(postAs("coordinator", "/api/households", VALID.replace(ID, "not-a-uuid")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("id"));
  }

  @Test
  void a_path_id_that_is_not_a_uuid_is_refused_naming_id() throws Exception {
    mvc.perform(postAs("coordinator", "/api/households/42/moves", "{\"toWard\": \"IZUMI\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("id"));
  }

  @Test
  void a_mongodb_operator_object_in_a_text_field_is_refused_naming_it() throws Exception {
    String injected = VALID.replace("\"仙台 太郎\"", "{\"$gt\": \"\"}");
    mvc.perform(postAs("coordinator", "/api/households", injected))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("person.name"));
  }

  @Test
  void text_that_looks_like_a_mongodb_operator_is_refused() throws Exception {
    String injected = VALID.replace("\"仙台 太郎\"", "\"$where\"");
    mvc.perform(postAs("coordinator", "/api/households", injected))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("person.name"));
  }

  @Test
  void a_name_holding_half_an_emoji_is_refused_naming_it() throws Exception {
    String halfAnEmoji = VALID.replace("\"仙台 太郎\"", "\"仙台 \\ud83d\"");
    mvc.perform(postAs("coordinator", "/api/households", halfAnEmoji))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("person.name"));
    then(commandGateway).shouldHaveNoInteractions();
  }

  @Test
  void a_name_holding_a_whole_emoji_is_accepted() throws Exception {
    given(commandGateway.<Long>sendAndWait(any())).willReturn(0L);
    mvc.perform(
            postAs(
                "coordinator",
                "/api/households",
                VALID.replace("\"仙台 太郎\"", "\"仙台 \\ud83d\\udc6a\"")))
        .andExpect(status().isCreated());
  }

  @Test
  void unknown_properties_are_ignored() throws Exception {
    given(commandGateway.<Long>sendAndWait(any())).willReturn(0L);
    mvc.perform(
            postAs(
                "coordinator",
                "/api/households",
                VALID.replaceFirst("\\{", "{\"nickname\": \"x\", ")))
        .andExpect(status().isCreated());
  }

  @Test
  void a_command_on_an_unknown_household_answers_404() throws Exception {
    given(eventStreams.aggregateTypeOf(ID)).willReturn(Optional.empty());
    mvc.perform(
            postAs("coordinator", "/api/households/" + ID + "/moves", "{\"toWard\": \"IZUMI\"}"))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.status").value(404));
    then(commandGateway).shouldHaveNoInteractions();
  }

  @Test
  void an_id_of_another_kind_of_record_answers_404() throws Exception {
    stored(ID, AggregateType.FACILITY, "AOBA");
    mvc.perform(
            postAs("coordinator", "/api/households/" + ID + "/moves", "{\"toWard\": \"IZUMI\"}"))
        .andExpect(status().isNotFound());
  }

  @Test
  void axon_not_finding_the_aggregate_answers_404() throws Exception {
    stored(ID, AggregateType.HOUSEHOLD, "AOBA");
    given(commandGateway.sendAndWait(any())).willThrow(new AggregateNotFoundException(ID, "gone"));
    mvc.perform(
            postAs("coordinator", "/api/households/" + ID + "/moves", "{\"toWard\": \"IZUMI\"}"))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.detail").value(not(containsString("Exception"))));
  }

  @Test
  void moving_a_household_answers_200_with_the_new_sequence() throws Exception {
    stored(ID, AggregateType.HOUSEHOLD, "AOBA");
    given(commandGateway.<Long>sendAndWait(any())).willReturn(4L);
    mvc.perform(
            postAs("coordinator", "/api/households/" + ID + "/moves", "{\"toWard\": \"IZUMI\"}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.id").value(ID))
        .andExpect(jsonPath("$.sequence").value(4));
  }

  @Test
  void moving_to_an_unknown_ward_is_refused_naming_toWard() throws Exception {
    stored(ID, AggregateType.HOUSEHOLD, "AOBA");
    mvc.perform(
            postAs("coordinator", "/api/households/" + ID + "/moves", "{\"toWard\": \"NARNIA\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("toWard"));
  }

  @Test
  void a_broken_rule_answers_409() throws Exception {
    stored(ID, AggregateType.HOUSEHOLD, "AOBA");
    given(commandGateway.sendAndWait(any()))
        .willThrow(new RuleBrokenException("The household already lives in ward AOBA."));
    mvc.perform(postAs("coordinator", "/api/households/" + ID + "/moves", "{\"toWard\": \"AOBA\"}"))
        .andExpect(status().isConflict())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.detail").value("The household already lives in ward AOBA."))
        .andExpect(jsonPath("$.errors").isArray());
  }

  @Test
  void an_unexpected_failure_answers_500_without_internals() throws Exception {
    stored(ID, AggregateType.HOUSEHOLD, "AOBA");
    given(commandGateway.sendAndWait(any()))
        .willThrow(new IllegalStateException("com.mongodb.MongoSocketException at host x"));
    MvcResult result =
        mvc.perform(
                postAs(
                    "coordinator", "/api/households/" + ID + "/moves", "{\"toWard\": \"IZUMI\"}"))
            .andExpect(status().isInternalServerError())
            .andReturn();
    assertThat(result.getResponse().getContentAsString())
        .doesNotContain("mongodb", "Exception", "at jp.");
  }

  @Test
  void a_retried_command_with_the_same_id_gets_the_first_answer_again_without_a_second_dispatch()
      throws Exception {
    given(commandGateway.<Long>sendAndWait(any())).willReturn(0L);
    MvcResult first =
        mvc.perform(postAs("coordinator", "/api/households", VALID))
            .andExpect(status().isCreated())
            .andReturn();
    ArgumentCaptor<CommandMessage<?>> sent = ArgumentCaptor.forClass(CommandMessage.class);
    then(commandGateway).should().sendAndWait(sent.capture());
    String hash = (String) sent.getValue().getMetaData().get(CommandMetadata.REQUEST_HASH);
    given(eventStreams.findCommand(ID, ID))
        .willReturn(Optional.of(new StoredCommand(AggregateType.HOUSEHOLD, ID, hash, 0L, true)));

    mvc.perform(postAs("coordinator", "/api/households", VALID))
        .andExpect(status().isCreated())
        .andExpect(header().string("Location", first.getResponse().getHeader("Location")))
        .andExpect(
            content().json(first.getResponse().getContentAsString(), JsonCompareMode.STRICT));
    then(commandGateway).should().sendAndWait(any()); // still only the first dispatch
  }

  @Test
  void a_retried_change_with_the_same_id_gets_the_first_answer_again() throws Exception {
    stored(ID, AggregateType.HOUSEHOLD, "AOBA");
    String body = "{\"id\": \"" + COMMAND_ID + "\", \"reason\": \"DECEASED\"}";
    given(commandGateway.<Long>sendAndWait(any())).willReturn(3L);
    mvc.perform(postAs("coordinator", "/api/households/" + ID + "/deregistration", body))
        .andExpect(status().isOk());
    ArgumentCaptor<CommandMessage<?>> sent = ArgumentCaptor.forClass(CommandMessage.class);
    then(commandGateway).should().sendAndWait(sent.capture());
    assertThat(sent.getValue().getMetaData().get(CommandMetadata.COMMAND_ID)).isEqualTo(COMMAND_ID);
    String hash = (String) sent.getValue().getMetaData().get(CommandMetadata.REQUEST_HASH);
    given(eventStreams.findCommand(ID, COMMAND_ID))
        .willReturn(Optional.of(new StoredCommand(AggregateType.HOUSEHOLD, ID, hash, 3L, false)));

    mvc.perform(postAs("coordinator", "/api/households/" + ID + "/deregistration", body))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.sequence").value(3));
    then(commandGateway).should().sendAndWait(any());
  }

  @Test
  void the_same_id_with_different_content_is_refused_with_409() throws Exception {
    given(eventStreams.findCommand(ID, ID))
        .willReturn(
            Optional.of(new StoredCommand(AggregateType.HOUSEHOLD, ID, "0".repeat(64), 0L, true)));

    mvc.perform(postAs("coordinator", "/api/households", VALID))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.errors[0].field").value("id"))
        .andExpect(jsonPath("$.detail").value("id already used for a different request"));
    then(commandGateway).should(never()).sendAndWait(any());
  }

  @Test
  void a_retry_that_raced_its_original_gets_the_original_answer() throws Exception {
    // The original is stored while this retry is in flight: the store refuses the append and now
    // holds the original's outcome, under the same request hash.
    AtomicReference<StoredCommand> stored = new AtomicReference<>();
    given(eventStreams.findCommand(ID, ID)).willAnswer(call -> Optional.ofNullable(stored.get()));
    given(commandGateway.sendAndWait(any()))
        .willAnswer(
            call -> {
              CommandMessage<?> message = call.getArgument(0);
              String hash = (String) message.getMetaData().get(CommandMetadata.REQUEST_HASH);
              stored.set(new StoredCommand(AggregateType.HOUSEHOLD, ID, hash, 0L, true));
              throw new DuplicateCommandException(ID, ID);
            });

    mvc.perform(postAs("coordinator", "/api/households", VALID))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.id").value(ID))
        .andExpect(jsonPath("$.sequence").value(0));
  }

  @Test
  void registering_an_id_taken_by_another_record_is_refused_with_409() throws Exception {
    given(commandGateway.sendAndWait(any())).willThrow(new AggregateAlreadyExistsException(ID));
    mvc.perform(postAs("coordinator", "/api/households", VALID))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.errors[0].field").value("id"));
  }

  @Test
  void erasure_destroys_the_key_before_recording_the_erasure() throws Exception {
    keys.keyFor(ID);
    stored(ID, AggregateType.HOUSEHOLD, "AOBA");
    given(commandGateway.sendAndWait(any()))
        .willAnswer(
            call -> {
              // The key is already gone when the event is recorded.
              assertThat(keys.destroyed(ID)).isTrue();
              return 3L;
            });
    mvc.perform(
            post("/api/households/" + ID + "/erasure")
                .with(httpBasic("coordinator", "coordinator")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.sequence").value(3));
    ArgumentCaptor<CommandMessage<?>> sent = ArgumentCaptor.forClass(CommandMessage.class);
    then(commandGateway).should().sendAndWait(sent.capture());
    assertThat(sent.getValue().getPayload()).isEqualTo(new EraseHouseholdPersonalData(ID));
    assertThat(schedule.all()).isEmpty();
  }

  @Test
  void erasure_by_a_coordinator_of_another_ward_is_refused_and_destroys_nothing() throws Exception {
    keys.keyFor(ID);
    stored(ID, AggregateType.HOUSEHOLD, "IZUMI");
    mvc.perform(
            post("/api/households/" + ID + "/erasure")
                .with(httpBasic("aoba-coordinator", "aoba-coordinator")))
        .andExpect(status().isForbidden());
    assertThat(keys.destroyed(ID)).isFalse();
    then(commandGateway).should(never()).sendAndWait(any());
  }

  @Test
  void
      erasure_destroys_nothing_when_the_store_shows_the_household_moved_out_of_the_coordinators_wards()
          throws Exception {
    keys.keyFor(ID);
    // This instance's cache still has the household in AOBA; another instance has moved it to
    // IZUMI.
    staleCache(
        ID,
        new jp.coordination.command.eventstore.StreamScope(AggregateType.HOUSEHOLD, "AOBA", 1),
        new jp.coordination.command.eventstore.StreamScope(AggregateType.HOUSEHOLD, "IZUMI", 2));
    given(commandGateway.sendAndWait(any())).willReturn(3L);

    mvc.perform(
            post("/api/households/" + ID + "/erasure")
                .with(httpBasic("aoba-coordinator", "aoba-coordinator")))
        .andExpect(status().isForbidden())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));

    assertThat(keys.destroyed(ID)).isFalse();
    assertThat(schedule.all()).isEmpty();
    then(commandGateway).should(never()).sendAndWait(any());
  }

  @Test
  void an_erasure_the_request_could_not_finish_leaves_who_asked_for_it_to_the_sweeper()
      throws Exception {
    keys.keyFor(ID);
    stored(ID, AggregateType.HOUSEHOLD, "AOBA");
    given(commandGateway.sendAndWait(any())).willThrow(new IllegalStateException("store down"));
    mvc.perform(
            post("/api/households/" + ID + "/erasure")
                .with(httpBasic("aoba-coordinator", "aoba-coordinator")))
        .andExpect(status().isInternalServerError());
    assertThat(schedule.all())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.requester().name()).isEqualTo("aoba-coordinator");
              assertThat(e.requester().authorities()).contains("ROLE_COORDINATOR", "WARD:AOBA");
            });
  }

  @Test
  void a_consent_withdrawal_leaves_who_withdrew_it_to_the_sweeper_a_retention_period_nobody()
      throws Exception {
    keys.keyFor(ID);
    stored(ID, AggregateType.HOUSEHOLD, "AOBA");
    given(commandGateway.sendAndWait(any()))
        .willReturn(1L)
        .willThrow(new IllegalStateException("store down"));
    mvc.perform(
            postAs(
                "coordinator",
                "/api/households/" + ID + "/deregistration",
                "{\"reason\": \"CONSENT_WITHDRAWN\"}"))
        .andExpect(status().isInternalServerError());
    assertThat(schedule.all())
        .filteredOn(
            e ->
                e.trigger()
                    == jp.coordination.command.personaldata.ErasureSchedule.Trigger.DEREGISTRATION)
        .singleElement()
        .satisfies(e -> assertThat(e.requester().name()).isEqualTo("coordinator"));

    schedule.clear();
    // Stubbed without calling the mock, whose last answer is still the failure.
    org.mockito.BDDMockito.willReturn(1L).given(commandGateway).sendAndWait(any());
    mvc.perform(
            postAs(
                "coordinator",
                "/api/households/" + ID + "/deregistration",
                "{\"reason\": \"DECEASED\"}"))
        .andExpect(status().isOk());
    assertThat(schedule.all()).singleElement().satisfies(e -> assertThat(e.requester()).isNull());
  }

  @Test
  void erasure_of_an_unknown_household_answers_404() throws Exception {
    mvc.perform(
            post("/api/households/" + ID + "/erasure")
                .with(httpBasic("coordinator", "coordinator")))
        .andExpect(status().isNotFound());
  }

  @Test
  void a_failed_erasure_command_leaves_the_key_destroyed_and_the_schedule_entry_for_the_sweeper()
      throws Exception {
    keys.keyFor(ID);
    stored(ID, AggregateType.HOUSEHOLD, "AOBA");
    given(commandGateway.sendAndWait(any())).willThrow(new IllegalStateException("store down"));
    mvc.perform(
            post("/api/households/" + ID + "/erasure")
                .with(httpBasic("coordinator", "coordinator")))
        .andExpect(status().isInternalServerError())
        .andExpect(content().string(not(containsString("store down"))));
    assertThat(keys.destroyed(ID)).isTrue();
    assertThat(schedule.all())
        .singleElement()
        .satisfies(e -> assertThat(e.householdId()).isEqualTo(ID));
  }

  @Test
  void deregistration_with_consent_withdrawn_erases_at_once() throws Exception {
    keys.keyFor(ID);
    stored(ID, AggregateType.HOUSEHOLD, "AOBA");
    given(commandGateway.sendAndWait(any())).willReturn(1L, 2L);
    mvc.perform(
            postAs(
                "coordinator",
                "/api/households/" + ID + "/deregistration",
                "{\"reason\": \"CONSENT_WITHDRAWN\"}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.sequence").value(1));
    ArgumentCaptor<CommandMessage<?>> sent = ArgumentCaptor.forClass(CommandMessage.class);
    then(commandGateway).should(org.mockito.Mockito.times(2)).sendAndWait(sent.capture());
    assertThat(sent.getAllValues().get(1).getPayload())
        .isEqualTo(new EraseHouseholdPersonalData(ID));
    assertThat(keys.destroyed(ID)).isTrue();
    assertThat(schedule.all()).isEmpty();
  }

  @Test
  void deregistration_for_another_reason_schedules_erasure_after_the_retention_period()
      throws Exception {
    keys.keyFor(ID);
    stored(ID, AggregateType.HOUSEHOLD, "AOBA");
    given(commandGateway.sendAndWait(any())).willReturn(1L);
    mvc.perform(
            postAs(
                "coordinator",
                "/api/households/" + ID + "/deregistration",
                "{\"reason\": \"DECEASED\"}"))
        .andExpect(status().isOk());
    assertThat(keys.destroyed(ID)).isFalse();
    assertThat(schedule.all())
        .singleElement()
        .satisfies(
            e -> assertThat(e.dueAt()).isEqualTo(java.time.Instant.parse("2031-06-02T03:00:00Z")));
  }

  @Test
  void registration_encrypts_the_person_before_it_enters_the_command() throws Exception {
    given(commandGateway.<Long>sendAndWait(any())).willReturn(0L);
    mvc.perform(postAs("coordinator", "/api/households", VALID)).andExpect(status().isCreated());
    ArgumentCaptor<CommandMessage<?>> sent = ArgumentCaptor.forClass(CommandMessage.class);
    then(commandGateway).should().sendAndWait(sent.capture());
    RegisterAtRiskHousehold command = (RegisterAtRiskHousehold) sent.getValue().getPayload();
    assertThat(command.toString()).doesNotContain("仙台").doesNotContain("一番町");
    assertThat(sent.getValue().getMetaData().toString()).doesNotContain("仙台");
    var person =
        jp.coordination.events.personaldata.PersonalDataCipher.decrypt(
            ID, keys.find(ID).orElseThrow().bytes(), command.personalData());
    assertThat(person.name()).isEqualTo("仙台 太郎");
  }

  @Test
  void registering_again_an_erased_household_id_is_refused() throws Exception {
    keys.destroy(ID, java.time.Instant.now());
    mvc.perform(postAs("coordinator", "/api/households", VALID))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.errors[0].field").value("id"));
    then(commandGateway).should(never()).sendAndWait(any());
  }

  @Test
  void a_command_without_credentials_answers_401_problem() throws Exception {
    mvc.perform(post("/api/households").contentType(MediaType.APPLICATION_JSON).content(VALID))
        .andExpect(status().isUnauthorized())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.status").value(401))
        .andExpect(jsonPath("$.type").exists())
        .andExpect(jsonPath("$.title").value("Unauthorized"))
        .andExpect(jsonPath("$.errors").isArray());
  }

  @Test
  void wrong_credentials_answer_401_problem() throws Exception {
    mvc.perform(
            post("/api/households")
                .with(httpBasic("coordinator", "guess"))
                .contentType(MediaType.APPLICATION_JSON)
                .content(VALID))
        .andExpect(status().isUnauthorized())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
  }

  @Test
  void an_analyst_may_not_issue_commands() throws Exception {
    mvc.perform(postAs("analyst", "/api/households", VALID))
        .andExpect(status().isForbidden())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.status").value(403))
        .andExpect(jsonPath("$.title").value("Forbidden"))
        .andExpect(jsonPath("$.errors").isArray());
  }

  @Test
  void a_wrong_role_gets_403_whether_or_not_the_household_exists() throws Exception {
    given(eventStreams.aggregateTypeOf(ID)).willReturn(Optional.empty());
    mvc.perform(
            postAs("aoba-council", "/api/households/" + ID + "/moves", "{\"toWard\": \"IZUMI\"}"))
        .andExpect(status().isForbidden());
    then(eventStreams).shouldHaveNoInteractions();
  }

  @Test
  void an_aoba_coordinator_may_register_in_aoba() throws Exception {
    given(commandGateway.<Long>sendAndWait(any())).willReturn(0L);
    mvc.perform(postAs("aoba-coordinator", "/api/households", VALID))
        .andExpect(status().isCreated());
  }

  @Test
  void an_aoba_coordinator_may_not_register_in_another_ward() throws Exception {
    mvc.perform(
            postAs(
                "aoba-coordinator",
                "/api/households",
                registration("IZUMI", "CAREGIVER_AGED", null)))
        .andExpect(status().isForbidden())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.title").value("Forbidden"))
        .andExpect(jsonPath("$.errors").isArray());
    then(commandGateway).shouldHaveNoInteractions();
  }

  @Test
  void an_aoba_coordinator_may_not_command_a_household_of_another_ward() throws Exception {
    stored(ID, AggregateType.HOUSEHOLD, "IZUMI");
    mvc.perform(
            postAs(
                "aoba-coordinator",
                "/api/households/" + ID + "/deregistration",
                "{\"reason\": \"DECEASED\"}"))
        .andExpect(status().isForbidden());
    then(commandGateway).shouldHaveNoInteractions();
  }

  @Test
  void an_aoba_coordinator_may_not_move_a_household_into_another_ward() throws Exception {
    stored(ID, AggregateType.HOUSEHOLD, "AOBA");
    mvc.perform(
            postAs(
                "aoba-coordinator", "/api/households/" + ID + "/moves", "{\"toWard\": \"IZUMI\"}"))
        .andExpect(status().isForbidden());
    then(commandGateway).shouldHaveNoInteractions();
  }

  @Test
  void a_ward_scoped_coordinator_cannot_tell_an_unknown_household_from_one_of_another_ward()
      throws Exception {
    given(eventStreams.aggregateTypeOf(ID)).willReturn(Optional.empty());
    given(eventStreams.scopeOf(ID)).willReturn(Optional.empty());
    mvc.perform(
            postAs(
                "aoba-coordinator",
                "/api/households/" + ID + "/deregistration",
                "{\"reason\": \"DECEASED\"}"))
        .andExpect(status().isForbidden());
  }

  @Test
  void command_latency_is_a_histogram_by_command_and_outcome() throws Exception {
    given(commandGateway.<Long>sendAndWait(any())).willReturn(0L);
    mvc.perform(postAs("coordinator", "/api/households", VALID)).andExpect(status().isCreated());
    assertThat(
            meters
                .find(CommandDispatcher.LATENCY_TIMER)
                .tags("command", "RegisterAtRiskHousehold", "outcome", "accepted")
                .timer())
        .isNotNull()
        .satisfies(timer -> assertThat(timer.count()).isPositive())
        // Buckets, which Prometheus aggregates over instances (histogram_quantile); not client-side
        // percentiles.
        .satisfies(
            timer ->
                assertThat(timer.takeSnapshot().histogramCounts()).hasSizeGreaterThanOrEqualTo(10))
        .satisfies(timer -> assertThat(timer.takeSnapshot().percentileValues()).isEmpty());
  }

  @Test
  void validation_errors_list_every_invalid_field() throws Exception {
    mvc.perform(postAs("coordinator", "/api/households", "{\"ward\": \"AOBA\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors", hasSize(6)));
  }
}
