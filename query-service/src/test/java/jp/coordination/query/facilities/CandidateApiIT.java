package jp.coordination.query.facilities;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import jp.coordination.events.care.SupportNeed;
import jp.coordination.events.envelope.EventEnvelope;
import jp.coordination.events.facility.Capability;
import jp.coordination.events.facility.FacilityKind;
import jp.coordination.events.facility.FacilityRegistered;
import jp.coordination.events.household.AtRiskHouseholdRegistered;
import jp.coordination.events.household.DisabilityType;
import jp.coordination.events.household.RiskFactor;
import jp.coordination.events.intake.EmergencyIntakeRequested;
import jp.coordination.events.intake.IntakeTrigger;
import jp.coordination.events.personaldata.PersonalDataCipher;
import jp.coordination.infra.embedded.EmbeddedMongo;
import jp.coordination.platform.security.ProfileGuards;
import jp.coordination.query.TestEvents;
import jp.coordination.query.consumer.Delivery;
import jp.coordination.query.consumer.EventApplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Candidates over HTTP, fed through the same entry point as the consumer. */
@ActiveProfiles(ProfileGuards.LOCAL)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CandidateApiIT {

  private static final EmbeddedMongo MONGO = EmbeddedMongo.inMemory();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("spring.data.mongodb.uri", () -> MONGO.connectionString() + "/candidates_it");
    registry.add("coordination.kafka.bootstrap-servers", () -> "127.0.0.1:9");
    registry.add("coordination.kafka.consumer-enabled", () -> "false");
  }

  @AfterAll
  static void stopMongo() {
    MONGO.close();
  }

  @LocalServerPort int port;
  @Autowired EventApplier applier;

  private static final AtomicLong OFFSETS = new AtomicLong();
  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private final TestEvents events = new TestEvents();
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void an_open_intake_lists_the_facilities_that_can_take_it_same_ward_first() throws Exception {
    String near = UUID.randomUUID().toString();
    String far = UUID.randomUUID().toString();
    String wrong = UUID.randomUUID().toString();
    apply(facility(near, "青葉ケア", "AOBA", 1, Capability.WHEELCHAIR, Capability.MEDICAL_CARE));
    apply(facility(far, "泉ケア", "IZUMI", 3, Capability.WHEELCHAIR, Capability.MEDICAL_CARE));
    apply(facility(wrong, "泉ホーム", "IZUMI", 3, Capability.WHEELCHAIR));
    String intake = UUID.randomUUID().toString();
    apply(
        events.wrap(
            new EmergencyIntakeRequested(
                intake,
                "AOBA",
                null,
                IntakeTrigger.CAREGIVER_SUDDEN_ILLNESS,
                List.of(SupportNeed.WHEELCHAIR, SupportNeed.MEDICAL_CARE)),
            NOW.minusSeconds(60)));

    HttpResponse<String> detail = get("/api/intakes/" + intake, "coordinator");
    assertThat(detail.statusCode()).isEqualTo(200);
    JsonNode body = json.readTree(detail.body());
    assertThat(body.path("status").asText()).isEqualTo("REQUESTED");
    JsonNode candidates = body.path("candidates").path("candidates");
    assertThat(candidates.findValuesAsText("facilityId")).containsSubsequence(near, far);
    assertThat(candidates.findValuesAsText("facilityId")).doesNotContain(wrong);

    HttpResponse<String> search =
        get("/api/facilities/candidates?ward=IZUMI&needs=WHEELCHAIR,MEDICAL_CARE", "coordinator");
    assertThat(search.statusCode()).isEqualTo(200);
    JsonNode list = json.readTree(search.body()).path("candidates");
    assertThat(list.get(0).path("facilityId").asText()).isEqualTo(far);
    assertThat(list.get(0).path("freeBeds").asInt()).isEqualTo(3);
    assertThat(list.get(0).path("matches").get(1).path("capability").asText())
        .isEqualTo("MEDICAL_CARE");
  }

  @Test
  void an_unknown_need_code_is_refused_naming_the_field() throws Exception {
    assertRefused("/api/facilities/candidates?ward=AOBA&needs=WHEELCHAIR,FLYING", "needs");
  }

  @Test
  void an_unknown_or_missing_ward_is_refused_naming_the_field() throws Exception {
    assertRefused("/api/facilities/candidates?ward=SHIBUYA&needs=WHEELCHAIR", "ward");
    assertRefused("/api/facilities/candidates?needs=WHEELCHAIR", "ward");
  }

  @Test
  void candidates_are_for_coordinators_and_within_their_ward_scope() throws Exception {
    assertThat(get("/api/facilities/candidates?ward=AOBA", "aoba-council").statusCode())
        .isEqualTo(403);
    assertThat(get("/api/facilities/candidates?ward=IZUMI", "aoba-coordinator").statusCode())
        .isEqualTo(403);
    assertThat(get("/api/facilities/candidates?ward=AOBA", "aoba-coordinator").statusCode())
        .isEqualTo(200);
  }

  @Test
  void a_ward_scoped_coordinator_is_shown_no_facility_of_another_ward() throws Exception {
    String own = UUID.randomUUID().toString();
    String other = UUID.randomUUID().toString();
    apply(facility(own, "青葉の家", "AOBA", 1, Capability.WHEELCHAIR, Capability.FEMALE_ONLY));
    apply(facility(other, "泉の家", "IZUMI", 2, Capability.WHEELCHAIR, Capability.FEMALE_ONLY));
    String path = "/api/facilities/candidates?ward=AOBA&needs=WHEELCHAIR,FEMALE_STAFF";

    assertThat(facilityIds(get(path, "aoba-coordinator"))).contains(own).doesNotContain(other);
    assertThat(facilityIds(get(path, "coordinator"))).contains(own, other);
  }

  @Test
  void an_open_intake_shows_a_ward_scoped_coordinator_no_facility_of_another_ward()
      throws Exception {
    String own = UUID.randomUUID().toString();
    String other = UUID.randomUUID().toString();
    apply(facility(own, "青葉ハウス", "AOBA", 1, Capability.BEHAVIOURAL_SUPPORT));
    apply(facility(other, "泉ハウス", "IZUMI", 4, Capability.BEHAVIOURAL_SUPPORT));
    String intake = UUID.randomUUID().toString();
    apply(
        events.wrap(
            new EmergencyIntakeRequested(
                intake,
                "AOBA",
                null,
                IntakeTrigger.CONDITION_CHANGE,
                List.of(SupportNeed.BEHAVIOURAL_SUPPORT)),
            NOW.minusSeconds(60)));

    HttpResponse<String> scoped = get("/api/intakes/" + intake, "aoba-coordinator");
    assertThat(scoped.statusCode()).isEqualTo(200);
    JsonNode candidates = json.readTree(scoped.body()).path("candidates").path("candidates");
    assertThat(candidates.findValuesAsText("facilityId")).contains(own).doesNotContain(other);
    assertThat(candidates.findValuesAsText("ward")).containsOnly("AOBA");
  }

  @Test
  void the_candidates_of_an_intake_reveal_nothing_of_a_household_outside_the_coordinators_wards()
      throws Exception {
    // An intake of AOBA names a household that lives in IZUMI (named by a region-wide coordinator,
    // or moved since): whether it is a child household is IZUMI's business.
    String household = UUID.randomUUID().toString();
    apply(
        events.wrap(
            new AtRiskHouseholdRegistered(
                household,
                "IZUMI",
                null,
                List.of(RiskFactor.ISOLATED),
                List.of(DisabilityType.INTELLECTUAL),
                true,
                List.of(),
                NOW.minusSeconds(7200),
                PersonalDataCipher.encrypt(
                    household, 1, events.dataKey(household), TestEvents.PERSON)),
            NOW.minusSeconds(3600)));
    String intake = UUID.randomUUID().toString();
    apply(
        events.wrap(
            new EmergencyIntakeRequested(
                intake, "AOBA", household, IntakeTrigger.CONDITION_CHANGE, List.of()),
            NOW.minusSeconds(60)));

    JsonNode scoped = json.readTree(get("/api/intakes/" + intake, "aoba-coordinator").body());
    assertThat(scoped.path("candidates").path("child").asBoolean()).isFalse();
    JsonNode regionWide = json.readTree(get("/api/intakes/" + intake, "coordinator").body());
    assertThat(regionWide.path("candidates").path("child").asBoolean()).isTrue();
  }

  private List<String> facilityIds(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json.readTree(response.body()).path("candidates").findValuesAsText("facilityId");
  }

  private void assertRefused(String path, String field) throws Exception {
    HttpResponse<String> response = get(path, "coordinator");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(json.readTree(response.body()).path("errors").get(0).path("field").asText())
        .isEqualTo(field);
  }

  private EventEnvelope facility(String id, String name, String ward, int beds, Capability... c) {
    return events.wrap(
        new FacilityRegistered(id, name, ward, FacilityKind.SHORT_STAY, List.of(c), beds),
        NOW.minusSeconds(3600));
  }

  private void apply(EventEnvelope envelope) {
    applier.apply(envelope, new Delivery(0, OFFSETS.incrementAndGet()));
  }

  private HttpResponse<String> get(String path, String user) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)))
            .header("Accept", "application/json")
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
