package jp.coordination.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import jp.coordination.events.envelope.EventCodec;
import jp.coordination.events.household.AtRiskHouseholdRegistered;
import jp.coordination.events.household.EncryptedPersonalData;
import jp.coordination.events.personaldata.LocalMasterKey;
import jp.coordination.events.personaldata.PersonalDataCipher;
import jp.coordination.infra.monitoring.MonitoringFiles;
import jp.coordination.infra.monitoring.Scrape;
import jp.coordination.infra.stack.CoordinationApi.Dashboard;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The whole system through its HTTP APIs: both services' executable jars run as child JVMs against
 * a Kafka broker and a MongoDB that a subclass provides. Each test reads the dashboard before it
 * acts and asserts the difference, so the tests share one running stack without depending on each
 * other's figures.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class EndToEndScenario {
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
  private static final Duration PROJECTION_TIMEOUT = Duration.ofSeconds(60);
  private static final int TAIL_LINES = 80;

  /** The topic of this run; a fresh name keeps a reused broker's old records out of the figures. */
  protected final String topic = "e2e.events." + UUID.randomUUID().toString().substring(0, 8);

  private final List<ServiceProcess> services = new ArrayList<>();
  private CoordinationApi api;
  private Map<String, String> serviceEnvironment = Map.of();
  private boolean failed;

  @RegisterExtension
  final TestWatcher failureWatcher =
      new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
          failed = true;
        }
      };

  /** Starts the broker and the database the services will use. */
  protected abstract void startInfrastructure();

  /**
   * Stops what {@link #startInfrastructure()} started; called even when the start failed half-way.
   */
  protected abstract void stopInfrastructure();

  protected abstract String kafkaBootstrapServers();

  /** The command-service's event store database. */
  protected abstract String commandMongoUri();

  /** The query-service's view database. */
  protected abstract String queryMongoUri();

  /** Takes the broker away; the services keep running. */
  protected abstract void stopKafka();

  /** Brings the broker back at the same address with the records it held. */
  protected abstract void startKafka();

  @BeforeAll
  void startStack() {
    try {
      startInfrastructure();
      Map<String, String> env =
          ServicesUnderTest.environment(
              commandMongoUri(), queryMongoUri(), kafkaBootstrapServers(), topic, "e2e-");
      serviceEnvironment = env;
      ServicesUnderTest.Started started =
          ServicesUnderTest.start(env, getClass(), READY_TIMEOUT, services);
      api = new CoordinationApi(started.command().baseUrl(), started.query().baseUrl());
    } catch (RuntimeException | Error e) {
      failed = true;
      throw e;
    }
  }

  @AfterAll
  void stopStack() {
    if (failed) {
      printServiceOutput();
    }
    for (int i = services.size() - 1; i >= 0; i--) {
      services.get(i).stop();
    }
    stopInfrastructure();
  }

  @Test
  @Order(1)
  void an_intake_placed_and_a_case_opened_and_closed_show_on_the_ward_dashboard() {
    Dashboard before = settledDashboard();

    String household = api.command("/api/households", household("CAREGIVER_AGED"), 201);
    String facility =
        api.command(
            "/api/facilities",
            """
            {"name":"青葉ショートステイ","ward":"AOBA","kind":"SHORT_STAY","capabilities":["WHEELCHAIR"],"emergencyBeds":2}""",
            201);
    String intake =
        api.command(
            "/api/intakes",
            """
            {"ward":"AOBA","householdId":"%s","trigger":"CAREGIVER_SUDDEN_ILLNESS","supportNeeds":[]}"""
                .formatted(household),
            201);
    api.command(
        "/api/intakes/" + intake + "/placement", "{\"facilityId\":\"" + facility + "\"}", 200);
    // Declared after the placement, the facility's available beds are what it said, whatever the
    // placement implied.
    api.command("/api/facilities/" + facility + "/availability", "{\"availableBeds\":1}", 200);
    String coSupport =
        api.command(
            "/api/cosupports",
            """
            {"ward":"AOBA","officeId":"office-1","difficulties":["SUPPORT_REFUSAL"]}""",
            201);
    api.command(
        "/api/cosupports/" + coSupport + "/closure",
        "{\"outcome\":\"OFFICE_CONTINUES_ALONE\"}",
        200);

    Dashboard expected =
        new Dashboard(
            before.householdsActive() + 1,
            before.caregiverAged() + 1,
            before.livesAlone(),
            before.intakesInPlacement() + 1,
            before.intakesRequestedThisYear() + 1,
            before.intakesPlacedThisYear() + 1,
            before.coSupportsOpenedThisYear() + 1,
            before.coSupportsClosedThisYear() + 1,
            before.emergencyBedsAvailable() + 1);
    awaitDashboard(expected);
  }

  @Test
  @Order(2)
  void a_duplicated_kafka_record_changes_nothing() throws Exception {
    Dashboard before = settledDashboard();
    String household = api.command("/api/households", household("CAREGIVER_AGED"), 201);
    Dashboard registered =
        new Dashboard(
            before.householdsActive() + 1,
            before.caregiverAged() + 1,
            before.livesAlone(),
            before.intakesInPlacement(),
            before.intakesRequestedThisYear(),
            before.intakesPlacedThisYear(),
            before.coSupportsOpenedThisYear(),
            before.coSupportsClosedThisYear(),
            before.emergencyBedsAvailable());
    awaitDashboard(registered);

    ConsumerRecord<byte[], byte[]> registration = firstRecordWithKey(household);
    try (KafkaProducer<byte[], byte[]> producer = byteProducer()) {
      producer
          .send(
              new ProducerRecord<>(
                  topic,
                  registration.partition(),
                  registration.key(),
                  registration.value(),
                  registration.headers()))
          .get(30, TimeUnit.SECONDS);
    }

    // A later event of the same household lands after the copy in the same partition: once its
    // effect shows, the
    // query-service has consumed the copy too.
    api.command(
        "/api/households/" + household + "/reassessments",
        "{\"riskFactors\":[\"LIVES_ALONE\"],\"supportNeeds\":[]}",
        200);
    Dashboard reassessed =
        new Dashboard(
            registered.householdsActive(),
            registered.caregiverAged() - 1,
            registered.livesAlone() + 1,
            registered.intakesInPlacement(),
            registered.intakesRequestedThisYear(),
            registered.intakesPlacedThisYear(),
            registered.coSupportsOpenedThisYear(),
            registered.coSupportsClosedThisYear(),
            registered.emergencyBedsAvailable());
    awaitDashboard(reassessed);
  }

  @Test
  @Order(3)
  void a_command_accepted_while_kafka_is_down_reaches_the_dashboard_when_kafka_returns() {
    Dashboard before = settledDashboard();

    stopKafka();
    try {
      api.command(
          "/api/intakes",
          """
          {"ward":"AOBA","trigger":"CAREGIVER_SUDDEN_ILLNESS","supportNeeds":[]}""",
          201);
      assertThat(api.dashboard("AOBA", "aoba-council")).isEqualTo(before);
    } finally {
      startKafka();
    }

    awaitDashboard(
        new Dashboard(
            before.householdsActive(),
            before.caregiverAged(),
            before.livesAlone(),
            before.intakesInPlacement(),
            before.intakesRequestedThisYear() + 1,
            before.intakesPlacedThisYear(),
            before.coSupportsOpenedThisYear(),
            before.coSupportsClosedThisYear(),
            before.emergencyBedsAvailable()),
        Duration.ofMinutes(2));
  }

  /** The person of the erasure test: strings that occur nowhere else. */
  private static final String NAME = "消去 試験子";

  private static final String ADDRESS = "仙台市青葉区消去町9-9-9";
  private static final String PHONE = "022-999-4242";
  private static final String DEV_MASTER_KEY = "ZGV2ZWxvcG1lbnQtb25seS1tYXN0ZXIta2V5LTAwMDE=";

  /**
   * What erasure adds, each shown against the state just before it: the wrapped data key and every
   * copy of it anywhere the services store data are gone, and the very ciphertext that decrypted
   * before (the same Kafka record, the same stored event, unchanged) no longer decrypts through any
   * path the services have: the query side's view (its key reader) and the audit trail's unmasked
   * view (the command side's keys). That the raw bytes never hold the clear name is encryption,
   * true before erasure too, and checked as such.
   */
  @Test
  @Order(4)
  void
      after_erasure_the_key_and_every_copy_are_gone_and_ciphertext_that_decrypted_no_longer_does_and_figures_stay()
          throws Exception {
    Dashboard before = settledDashboard();
    String household =
        api.command(
            "/api/households",
            """
            {"ward":"AOBA","riskFactors":["ISOLATED"],"disabilityTypes":["PHYSICAL"],"child":false,"supportNeeds":[],\
            "consentAt":"2026-04-10T10:00:00+09:00","person":{"name":"%s","address":"%s","phone":"%s","birthYear":1975}}"""
                .formatted(NAME, ADDRESS, PHONE),
            201);
    Dashboard registered = settledDashboard();
    assertThat(registered.householdsActive()).isEqualTo(before.householdsActive() + 1);
    String statistics = "/api/statistics/" + currentFiscalYear();
    JsonNode figuresBefore = api.query(statistics, "analyst").json();
    assertThat(figuresBefore.at("/total/householdsRegistered").asInt()).isPositive();
    String auditView = "/api/audit/events?aggregateId=" + household + "&purpose=erasure-test";

    try (MongoClient mongo = MongoClients.create(commandMongoUri());
        MongoClient queryMongo = MongoClients.create(queryMongoUri())) {
      MongoDatabase store =
          mongo.getDatabase(new ConnectionString(commandMongoUri()).getDatabase());
      MongoDatabase views =
          queryMongo.getDatabase(new ConnectionString(queryMongoUri()).getDatabase());
      // Encryption, not erasure: no raw byte anywhere holds the clear data, before erasure as
      // after.
      ConsumerRecord<byte[], byte[]> record = firstRecordWithKey(household);
      assertNoPersonalData(record.value());
      Document stream =
          store.getCollection("event_streams").find(new Document("_id", household)).first();
      assertNoPersonalData(stream.toJson().getBytes(StandardCharsets.UTF_8));
      for (ConsumerRecord<byte[], byte[]> each : allRecords()) {
        assertNoPersonalData(each.value());
      }

      // Before: the key as stored decrypts the record, and both services show the name.
      Document key =
          store.getCollection("household_keys").find(new Document("_id", household)).first();
      String wrappedKey = key.getString("wrappedKey");
      assertThat(wrappedKey).isNotBlank();
      assertThat(decryptName(household, record.value(), key)).isEqualTo(NAME);
      assertThat(
              api.query("/api/households/" + household, "coordinator")
                  .json()
                  .at("/personalData/name")
                  .asText())
          .isEqualTo(NAME);
      assertThat(registrationInAudit(auditView).at("/payload/personalData/name").asText())
          .isEqualTo(NAME);
      assertThat(copiesOf(wrappedKey, store, views))
          .as("copies of the wrapped key before erasure")
          .isNotEmpty();

      api.command("/api/households/" + household + "/erasure", "{}", 200);

      // The key is destroyed, and no copy of it is left in any collection of either service's
      // database
      // (a backup the code made, a cache written to the store, the query side's own copy).
      Document destroyed =
          store.getCollection("household_keys").find(new Document("_id", household)).first();
      assertThat(destroyed.get("wrappedKey")).isNull();
      assertThat(destroyed.get("destroyedAt")).isNotNull();
      assertThat(copiesOf(wrappedKey, store, views))
          .as("copies of the wrapped key after erasure")
          .isEmpty();

      // The same ciphertext, unchanged, no longer decrypts through the services: the query side
      // reads the key
      // at each request (no cached key serves it) and the command side's audit view reveals
      // nothing.
      assertThat(firstRecordWithKey(household).value()).isEqualTo(record.value());
      assertThat(storedRegistration(store, household)).isEqualTo(storedRegistration(stream));
      await()
          .atMost(PROJECTION_TIMEOUT)
          .untilAsserted(
              () -> {
                JsonNode view = api.query("/api/households/" + household, "coordinator").json();
                assertThat(view.at("/erased").asBoolean()).isTrue();
                assertThat(view.at("/personalData").isNull()).isTrue();
              });
      JsonNode audited = registrationInAudit(auditView);
      assertThat(audited.at("/payload/personalData").isNull())
          .as("audit view after erasure: %s", audited)
          .isTrue();
      assertThat(audited.at("/payload/personalDataErased").asBoolean()).isTrue();
      // Control: the blob itself is intact; only a key taken before erasure (as a backup would be)
      // still opens it.
      assertThat(decryptName(household, record.value(), key)).isEqualTo(NAME);
    }
    assertThat(settledDashboard()).isEqualTo(registered);
    assertThat(api.query(statistics, "analyst").json())
        .as("erasure changes no figure of the regional statistics")
        .isEqualTo(figuresBefore);
  }

  /**
   * The household's registration event as the audit trail shows it to an auditor who stated a
   * purpose.
   */
  private JsonNode registrationInAudit(String path) {
    CoordinationApi.Answer answer = api.commandQuery(path, "auditor");
    assertThat(answer.status()).as("GET %s: %s", path, answer.body()).isEqualTo(200);
    for (JsonNode event : answer.json().path("events")) {
      if (event.path("type").asText().equals("AtRiskHouseholdRegistered")) {
        return event;
      }
    }
    throw new AssertionError("no registration in " + answer.body());
  }

  /**
   * Where the text occurs: "database.collection/_id" of every document of every collection holding
   * it.
   */
  private static List<String> copiesOf(String text, MongoDatabase... databases) {
    List<String> copies = new ArrayList<>();
    for (MongoDatabase database : databases) {
      for (String collection : database.listCollectionNames()) {
        for (Document document : database.getCollection(collection).find()) {
          if (document.toJson().contains(text)) {
            copies.add(database.getName() + "." + collection + "/" + document.get("_id"));
          }
        }
      }
    }
    return copies;
  }

  private static Object storedRegistration(MongoDatabase store, String household) {
    return storedRegistration(
        store.getCollection("event_streams").find(new Document("_id", household)).first());
  }

  /** The first stored event of a stream document (its registration), as stored. */
  private static Object storedRegistration(Document stream) {
    return stream.getList("events", Object.class).get(0);
  }

  /** The Japanese fiscal year (from 1 April, Asia/Tokyo) that contains today. */
  private static int currentFiscalYear() {
    java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Tokyo"));
    return today.getMonthValue() >= 4 ? today.getYear() : today.getYear() - 1;
  }

  /**
   * The Grafana dashboard and the alert rules under infra/monitoring name only metrics the services
   * export: each one on the scrape of the service its query names, so renaming a meter fails here.
   * Runs after the tests above, which have sent commands and had their events published and
   * applied, so that meters registered on first use exist.
   */
  @Test
  @Order(5)
  void every_metric_the_dashboard_and_the_alert_rules_name_is_exported_by_the_service_they_name()
      throws Exception {
    MonitoringFiles files = MonitoringFiles.read(Path.of("..", "monitoring"));
    Map<String, Set<String>> scrapes =
        Map.of(
            "command-service",
                Scrape.sampleNames(prometheus(serviceEnvironment.get("COMMAND_MANAGEMENT_PORT"))),
            "query-service",
                Scrape.sampleNames(prometheus(serviceEnvironment.get("QUERY_MANAGEMENT_PORT"))));

    assertThat(files.structureProblems()).isEmpty();
    assertThat(files.queries()).hasSizeGreaterThan(20);
    assertThat(files.missingMetrics(scrapes)).isEmpty();
  }

  private static String prometheus(String managementPort) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus"))
                    .timeout(Duration.ofSeconds(30))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  /**
   * The services' output is JSON lines (as a log platform gets it), which may escape what a reader
   * sees decoded: each line is checked as written and, when it is JSON, every value as decoded. The
   * command-service's lines include one per command answered, with the request's correlation id and
   * user.
   */
  @Test
  @Order(100)
  void no_personal_data_appears_in_any_log_line() throws IOException {
    Path logs = Path.of("target", "e2e-logs", getClass().getSimpleName());
    List<String> secrets = List.of(NAME, ADDRESS, PHONE, "仙台 太郎", "青葉区1-1");
    try (var files = Files.list(logs)) {
      List<Path> all = files.toList();
      assertThat(all).isNotEmpty();
      for (Path file : all) {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).as("lines of %s", file).isNotEmpty();
        List<JsonNode> jsonLines = new ArrayList<>();
        for (String line : lines) {
          for (String secret : secrets) {
            assertThat(line).as("a line of %s", file).doesNotContain(secret);
          }
          JsonNode json = jsonLine(line);
          if (json != null) {
            jsonLines.add(json);
            for (String value : valuesOf(json, new ArrayList<>())) {
              for (String secret : secrets) {
                assertThat(value)
                    .as("a value of a JSON line of %s: %s", file, line)
                    .doesNotContain(secret);
              }
            }
          }
        }
        assertThat(jsonLines).as("JSON lines of %s", file).isNotEmpty();
        if (file.getFileName().toString().startsWith("command-service")) {
          assertThat(jsonLines)
              .as("command lines of %s", file)
              .anySatisfy(
                  json -> {
                    assertThat(json.path("command").asText()).isEqualTo("RegisterAtRiskHousehold");
                    assertThat(json.path("outcome").asText()).isEqualTo("accepted");
                    assertThat(json.at("/user/id").asText()).isEqualTo("coordinator");
                    assertThat(json.path("correlationId").asText()).isNotBlank();
                  });
        }
      }
    }
  }

  /** The line as JSON, or null when it is not a JSON object (a JVM warning, say). */
  private static JsonNode jsonLine(String line) {
    if (!line.startsWith("{")) {
      return null;
    }
    try {
      JsonNode json = LOG_JSON.readTree(line);
      return json.isObject() ? json : null;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return null;
    }
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper LOG_JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  private static List<String> valuesOf(JsonNode node, List<String> values) {
    if (node.isContainerNode()) {
      node.forEach(child -> valuesOf(child, values));
    } else {
      values.add(node.asText());
    }
    return values;
  }

  private static void assertNoPersonalData(byte[] raw) {
    for (String secret : List.of(NAME, ADDRESS, PHONE)) {
      byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
      assertThat(indexOf(raw, needle)).as("raw bytes contain %s", secret).isEqualTo(-1);
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /**
   * The name in a raw registration record, decrypted with the key document as stored; null when it
   * cannot be.
   */
  private static String decryptName(String household, byte[] record, Document key) {
    if (key == null || key.getString("wrappedKey") == null) {
      return null;
    }
    EncryptedPersonalData blob =
        new EventCodec().decode(record).payloadAs(AtRiskHouseholdRegistered.class).personalData();
    byte[] dataKey =
        LocalMasterKey.fromBase64(DEV_MASTER_KEY)
            .unwrap(
                Base64.getDecoder().decode(key.getString("wrappedKey")),
                PersonalDataCipher.keyContext(household, key.getInteger("keyVersion")));
    return PersonalDataCipher.decrypt(household, dataKey, blob).name();
  }

  private List<ConsumerRecord<byte[], byte[]>> allRecords() {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafkaBootstrapServers(),
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false,
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest");
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline
          && !partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p))) {
        consumer.poll(Duration.ofMillis(500)).forEach(records::add);
      }
    }
    assertThat(records).isNotEmpty();
    return records;
  }

  private static String household(String riskFactor) {
    return """
        {"ward":"AOBA","riskFactors":["%s"],"disabilityTypes":["INTELLECTUAL"],"child":false,"supportNeeds":[],\
        "consentAt":"2026-04-10T10:00:00+09:00","person":{"name":"仙台 太郎","address":"青葉区1-1","birthYear":1980}}"""
        .formatted(riskFactor);
  }

  /**
   * The dashboard once the query-service has absorbed every record on the topic (not merely: once
   * two reads a second apart agree, which a stalled consumer also gives).
   */
  private Dashboard settledDashboard() {
    awaitConsumedToEnd();
    return api.dashboard("AOBA", "aoba-council");
  }

  /**
   * Waits until the query-service's stored position of every partition reached the partition's end
   * as it is now. A position is stored only after the read models absorbed the records before it,
   * so from then on the figures include every record published so far, duplicates included.
   */
  private void awaitConsumedToEnd() {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafkaBootstrapServers(),
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false);
    Map<TopicPartition, Long> end;
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      end = consumer.endOffsets(partitions);
    }
    try (MongoClient mongo = MongoClients.create(queryMongoUri())) {
      MongoDatabase views = mongo.getDatabase(new ConnectionString(queryMongoUri()).getDatabase());
      await()
          .atMost(PROJECTION_TIMEOUT)
          .pollInterval(Duration.ofMillis(200))
          .untilAsserted(
              () ->
                  end.forEach(
                      (partition, offset) -> {
                        if (offset == 0) {
                          return;
                        }
                        Document position =
                            views
                                .getCollection("consumer_positions")
                                .find(new Document("_id", topic + "-" + partition.partition()))
                                .first();
                        assertThat(
                                position == null
                                    ? 0L
                                    : position.get("offset", Number.class).longValue())
                            .as("query-service's position on %s", partition)
                            .isGreaterThanOrEqualTo(offset);
                      }));
    }
  }

  private void awaitDashboard(Dashboard expected) {
    awaitDashboard(expected, PROJECTION_TIMEOUT);
  }

  private void awaitDashboard(Dashboard expected, Duration timeout) {
    await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(() -> assertThat(api.dashboard("AOBA", "aoba-council")).isEqualTo(expected));
    // Figures that overshoot (an event counted twice) would pass the wait above at the right
    // moment: look again
    // once every record published so far, copies included, has been absorbed.
    awaitConsumedToEnd();
    assertThat(api.dashboard("AOBA", "aoba-council")).isEqualTo(expected);
  }

  private ConsumerRecord<byte[], byte[]> firstRecordWithKey(String key) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafkaBootstrapServers(),
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false,
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest");
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      byte[] wanted = key.getBytes(StandardCharsets.UTF_8);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          if (record.key() != null && Arrays.equals(record.key(), wanted)) {
            return record;
          }
        }
        if (partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p))) {
          break;
        }
      }
    }
    throw new AssertionError("no record with key " + key + " on " + topic);
  }

  private KafkaProducer<byte[], byte[]> byteProducer() {
    return new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrapServers()),
        new ByteArraySerializer(),
        new ByteArraySerializer());
  }

  private void printServiceOutput() {
    for (ServiceProcess service : services) {
      System.out.printf(
          "%n===== last %d lines of %s (%s) =====%n",
          TAIL_LINES,
          service.name(),
          service.logFile().map(Path::toAbsolutePath).map(Path::toString).orElse("-"));
      service.tail(TAIL_LINES).forEach(System.out::println);
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
