package jp.coordination.command.audit;

import static jp.coordination.command.eventstore.TestEvents.applied;
import static jp.coordination.command.eventstore.TestEvents.moved;
import static jp.coordination.command.eventstore.TestEvents.newId;
import static jp.coordination.command.eventstore.TestEvents.registered;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import jp.coordination.command.personaldata.DataKey;
import jp.coordination.events.household.AtRiskHouseholdRegistered;
import jp.coordination.events.household.EncryptedPersonalData;
import jp.coordination.events.household.PersonalData;
import jp.coordination.events.personaldata.PersonalDataCipher;
import jp.coordination.infra.embedded.EmbeddedMongo;
import jp.coordination.platform.security.Actor;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** The audit listing: store order, filters, paging, masking, and the recorded unmasked read. */
class AuditEventsIT {
  private static EmbeddedMongo mongo;
  private static MongoClient client;

  private AuditStoreFixture store;
  private String first;
  private String second;

  @BeforeAll
  static void startMongo() {
    mongo = EmbeddedMongo.inMemory();
    client = MongoClients.create(mongo.connectionString());
  }

  @AfterAll
  static void stopMongo() {
    client.close();
    mongo.close();
  }

  /** first: registered, moved (later), moved (later still); second registered between them. */
  @BeforeEach
  void storeWithEvents() {
    store = new AuditStoreFixture(client);
    first = newId();
    second = newId();
    store.engine.appendEvents(applied(registeredWithKey(first, "AOBA", "仙台 太郎"), 0, "a1"));
    store.engine.appendEvents(applied(registeredWithKey(second, "IZUMI", "泉 花子"), 0, "b1"));
    store.engine.appendEvents(applied(moved(first, "AOBA", "IZUMI"), 1, "a2"));
    store.engine.appendEvents(applied(moved(first, "IZUMI", "AOBA"), 2, "a3"));
  }

  @Test
  void events_come_in_store_order_with_their_metadata_and_hash() {
    AuditEvents.Page page =
        store.auditEvents.list(query(null, null, null, null, null, 0, 50), null);

    assertThat(page.total()).isEqualTo(4);
    assertThat(page.order()).isEqualTo("recordedAt,aggregateId,sequence");
    assertThat(page.events())
        .extracting(e -> e.get("aggregateId").asText() + "/" + e.get("sequence").asLong())
        .containsExactly(first + "/0", second + "/0", first + "/1", first + "/2");
    ObjectNode event = page.events().get(0);
    assertThat(event.get("actor").asText()).isEqualTo("coordinator-1");
    assertThat(event.get("role").asText()).isEqualTo("COORDINATOR");
    assertThat(event.get("causationId").asText()).isEqualTo("a1");
    assertThat(event.get("correlationId").asText()).isEqualTo("corr-a1");
    assertThat(event.hasNonNull("occurredAt")).isTrue();
    assertThat(event.hasNonNull("recordedAt")).isTrue();
    assertThat(event.get("hash").asText()).hasSize(64);
    assertThat(event.has("requestHash")).isFalse();
  }

  @Test
  void filters_by_aggregate_type_actor_and_time_and_unknown_values_match_nothing() {
    assertThat(store.auditEvents.list(query(first, null, null, null, null, 0, 50), null).total())
        .isEqualTo(3);
    assertThat(
            store
                .auditEvents
                .list(query(null, "HouseholdMovedWard", null, null, null, 0, 50), null)
                .total())
        .isEqualTo(2);
    assertThat(
            store
                .auditEvents
                .list(query(null, null, "coordinator-1", null, null, 0, 50), null)
                .total())
        .isEqualTo(4);
    assertThat(
            store
                .auditEvents
                .list(query("no-such-id", null, null, null, null, 0, 50), null)
                .total())
        .isZero();
    assertThat(
            store
                .auditEvents
                .list(query(null, "NoSuchType", null, null, null, 0, 50), null)
                .total())
        .isZero();
    assertThat(store.auditEvents.list(query(null, null, "nobody", null, null, 0, 50), null).total())
        .isZero();

    List<ObjectNode> all =
        store.auditEvents.list(query(null, null, null, null, null, 0, 50), null).events();
    Instant from = Instant.parse(all.get(1).get("recordedAt").asText());
    Instant to = Instant.parse(all.get(3).get("recordedAt").asText());
    AuditEvents.Page window =
        store.auditEvents.list(query(null, null, null, from, to, 0, 50), null);
    assertThat(window.events())
        .extracting(e -> e.get("aggregateId").asText() + "/" + e.get("sequence").asLong())
        .containsExactly(second + "/0", first + "/1");
  }

  @Test
  void pages_split_the_same_order() {
    AuditEvents.Page page0 =
        store.auditEvents.list(query(null, null, null, null, null, 0, 3), null);
    AuditEvents.Page page1 =
        store.auditEvents.list(query(null, null, null, null, null, 1, 3), null);
    AuditEvents.Page page2 =
        store.auditEvents.list(query(null, null, null, null, null, 2, 3), null);

    assertThat(page0.events()).hasSize(3);
    assertThat(page1.events()).hasSize(1);
    assertThat(page1.events().get(0).get("sequence").asLong()).isEqualTo(2);
    assertThat(page2.events()).isEmpty();
    assertThat(page2.total()).isEqualTo(4);
  }

  @Test
  void personal_data_is_masked_by_default_and_no_read_is_recorded() {
    AuditEvents.Page page =
        store.auditEvents.list(query(first, null, null, null, null, 0, 50), null);

    assertThat(page.masked()).isTrue();
    assertThat(page.events().get(0).at("/payload/personalData").asText()).isEqualTo("***");
    assertThat(page.events().toString()).doesNotContain("仙台").doesNotContain("青葉区一番町");
    assertThat(store.accessRecords.list(null, null, null, 0, 50).total()).isZero();
  }

  @Test
  void an_unmasked_view_shows_personal_data_and_records_who_read_which_household_and_why() {
    AuditEvents.Reader reader =
        new AuditEvents.Reader(
            "u-audit-1", "監査 一郎", "CITY_AUDITOR", "苦情調査 2026-17", "corr-audit-1");
    AuditEvents.Page page =
        store.auditEvents.list(query(null, null, null, null, null, 0, 50), reader);

    assertThat(page.masked()).isFalse();
    assertThat(page.events().get(0).at("/payload/personalData/name").asText()).isEqualTo("仙台 太郎");
    assertThat(page.events().get(0).at("/payload/personalDataErased").asBoolean()).isFalse();
    AccessRecords.Page records = store.accessRecords.list(null, null, null, 0, 50);
    assertThat(records.total()).isEqualTo(2);
    assertThat(records.records())
        .extracting(AccessRecord::recordId)
        .containsExactlyInAnyOrder(first, second);
    AccessRecord record = records.records().get(0);
    assertThat(record.who()).isEqualTo("u-audit-1");
    assertThat(record.whoName()).isEqualTo("監査 一郎");
    assertThat(record.role()).isEqualTo("CITY_AUDITOR");
    assertThat(record.recordType()).isEqualTo("Household");
    assertThat(record.purpose()).isEqualTo("苦情調査 2026-17");
    assertThat(record.endpoint()).isEqualTo("GET /api/audit/events");
    assertThat(record.correlationId()).isEqualTo("corr-audit-1");
    assertThat(store.accessRecords.list(null, null, "someone-else", 0, 50).total()).isZero();
    assertThat(store.accessRecords.list(record.at().plusSeconds(1), null, null, 0, 50).total())
        .isZero();
    assertThat(
            store
                .accessRecords
                .list(record.at(), record.at().plusSeconds(1), "u-audit-1", 0, 1)
                .records())
        .hasSize(1);
  }

  @Test
  void an_unmasked_view_of_events_without_personal_data_records_nothing() {
    AuditEvents.Reader reader =
        new AuditEvents.Reader("auditor", "auditor", "CITY_AUDITOR", "check", "c");
    store.auditEvents.list(query(null, "HouseholdMovedWard", null, null, null, 0, 50), reader);

    assertThat(store.accessRecords.list(null, null, null, 0, 50).total()).isZero();
  }

  @Test
  void an_unmasked_view_of_an_erased_household_shows_no_personal_data() {
    store.householdKeys.destroy(first, Instant.parse("2026-05-01T00:00:00Z"));
    AuditEvents.Reader reader =
        new AuditEvents.Reader("auditor", "auditor", "CITY_AUDITOR", "check", "c");

    AuditEvents.Page page =
        store.auditEvents.list(query(first, null, null, null, null, 0, 50), reader);

    assertThat(page.events().get(0).at("/payload/personalData").isNull()).isTrue();
    assertThat(page.events().get(0).at("/payload/personalDataErased").asBoolean()).isTrue();
    assertThat(page.events().toString()).doesNotContain("仙台 太郎");
  }

  @Test
  void each_event_names_its_actor_beside_the_subject_by_the_latest_display_name_of_the_token() {
    store.actors.remember(Actor.of(token("coordinator-1", "仙台 一郎")));
    ObjectNode event =
        store.auditEvents.list(query(first, null, null, null, null, 0, 50), null).events().get(0);

    assertThat(event.get("actor").asText()).isEqualTo("coordinator-1");
    assertThat(event.get("actorName").asText()).isEqualTo("仙台 一郎");
    assertThat(fieldNames(event)).containsSequence("actor", "actorName");
    assertThat(event.get("hash").asText())
        .as("the stored hash, which covers the subject only")
        .isEqualTo(store.events(first).get(0).getString("hash"));

    store.actors.remember(Actor.of(token("coordinator-1", "仙台 一郎（青葉区）")));
    assertThat(store.auditEvents.list(query(null, null, null, null, null, 0, 50), null).events())
        .extracting(e -> e.get("actorName").asText())
        .containsOnly("仙台 一郎（青葉区）");
    assertThat(store.verifier.verify().intact()).isTrue();
  }

  @Test
  void an_actor_the_directory_does_not_know_is_listed_with_actorName_null() {
    ObjectNode event =
        store.auditEvents.list(query(first, null, null, null, null, 0, 50), null).events().get(0);

    assertThat(event.has("actorName")).isTrue();
    assertThat(event.get("actorName").isNull()).isTrue();
  }

  @Test
  void a_read_record_written_before_display_names_were_kept_reads_with_whoName_null() {
    store
        .database
        .getCollection(AccessRecords.COLLECTION)
        .insertOne(
            new Document("_id", AccessRecords.newId(Instant.parse("2026-04-01T00:00:00Z")))
                .append("at", "2026-04-01T00:00:00Z")
                .append("who", "auditor")
                .append("role", "CITY_AUDITOR")
                .append("recordType", "Household")
                .append("recordId", first)
                .append("purpose", "check")
                .append("endpoint", AuditEvents.ENDPOINT)
                .append("correlationId", "c"));

    AccessRecord old = store.accessRecords.list(null, null, null, 0, 50).records().get(0);

    assertThat(old.who()).isEqualTo("auditor");
    assertThat(old.whoName()).isNull();
  }

  /** An identity provider's token for a coordinator: subject and display name. */
  private static JwtAuthenticationToken token(String subject, String displayName) {
    Jwt jwt =
        new Jwt(
            "t",
            Instant.now(),
            Instant.now().plusSeconds(60),
            Map.of("alg", "RS256"),
            Map.of("sub", subject, "name", displayName));
    return new JwtAuthenticationToken(
        jwt, List.of(new SimpleGrantedAuthority("ROLE_COORDINATOR")), subject);
  }

  private static List<String> fieldNames(ObjectNode event) {
    List<String> names = new java.util.ArrayList<>();
    event.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /**
   * A registration whose personal data is encrypted with the household's own key, as the command
   * side does.
   */
  private AtRiskHouseholdRegistered registeredWithKey(
      String householdId, String ward, String name) {
    AtRiskHouseholdRegistered plain = registered(householdId, ward);
    DataKey key = store.householdKeys.keyFor(householdId);
    EncryptedPersonalData personalData =
        PersonalDataCipher.encrypt(
            householdId,
            key.version(),
            key.bytes(),
            new PersonalData(name, "青葉区一番町1-1", null, 1990));
    return new AtRiskHouseholdRegistered(
        plain.householdId(),
        plain.ward(),
        plain.area(),
        plain.riskFactors(),
        plain.disabilityTypes(),
        plain.child(),
        plain.supportNeeds(),
        plain.consentAt(),
        personalData);
  }

  private static AuditEvents.Query query(
      String aggregateId, String type, String actor, Instant from, Instant to, int page, int size) {
    return new AuditEvents.Query(aggregateId, type, actor, from, to, page, size);
  }
}
