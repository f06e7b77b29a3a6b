package jp.coordination.command.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Projections;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import jp.coordination.command.CommandServiceApplication;
import jp.coordination.command.eventstore.StoredEvents;
import jp.coordination.infra.embedded.EmbeddedMongo;
import org.bson.Document;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The whole command-service (HTTP, security, validation, Axon, the MongoDB event store) on a free
 * port over the in-memory stand-in, spoken to over real HTTP, with a look into its event store.
 * Background work that would append events on its own clock (checkpoints, the retention sweep) and
 * the relay to Kafka are off, so the store changes only through the requests sent.
 */
final class FuzzedCommandService implements AutoCloseable {

  static final String HOUSEHOLD = "Household";
  static final String INTAKE = "EmergencyIntake";
  static final String CO_SUPPORT = "CoSupport";
  static final String FACILITY = "Facility";

  private final EmbeddedMongo mongo;
  private final ConfigurableApplicationContext context;
  private final MongoClient client;
  private final MongoCollection<Document> streams;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final ObjectMapper json = new ObjectMapper();
  private final String base;
  private final Map<String, List<String>> created = new ConcurrentHashMap<>();

  /** What the store holds: how many streams, how many events in all. */
  record StoreCount(long streams, long events) {}

  /** An answer. */
  record Answer(int status, String contentType, String body, Map<String, List<String>> headers) {}

  private FuzzedCommandService() {
    mongo = EmbeddedMongo.inMemory();
    context =
        new SpringApplicationBuilder(CommandServiceApplication.class)
            .web(WebApplicationType.SERVLET)
            // Arguments, not default properties: they must win over application.yml.
            .run(
                "--server.port=0",
                "--management.server.port=-1",
                "--spring.main.banner-mode=off",
                "--spring.data.mongodb.uri=" + mongo.connectionString() + "/fuzz",
                "--spring.profiles.active=local",
                "--coordination.publication.enabled=false",
                "--coordination.kafka.bootstrap-servers=127.0.0.1:9",
                "--coordination.audit.checkpoint-interval=0",
                "--coordination.personal-data.sweep-interval=1h",
                "--axon.axonserver.enabled=false",
                "--logging.level.root=WARN",
                "--logging.level.jp.coordination=WARN");
    Integer port = context.getEnvironment().getProperty("local.server.port", Integer.class);
    base = "http://127.0.0.1:" + port;
    client = MongoClients.create(mongo.connectionString());
    streams = client.getDatabase("fuzz").getCollection(StoredEvents.STREAMS);
  }

  static FuzzedCommandService start() {
    return new FuzzedCommandService();
  }

  /** Sends a body as a demo user (password = user name). */
  Answer send(String method, String path, String user, byte[] body)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(60))
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    HttpResponse<String> response =
        http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return new Answer(
        response.statusCode(),
        response.headers().firstValue("Content-Type").orElse(""),
        response.body(),
        response.headers().map());
  }

  /** A stream document as stored, to show what a broken chain holds. */
  String stream(String aggregateId) {
    Document stream = streams.find(new Document(StoredEvents.ID, aggregateId)).first();
    return stream == null ? "no stream " + aggregateId : stream.toJson();
  }

  /** The store's streams and events, counted in one pass. */
  StoreCount count() {
    long streamCount = 0;
    long events = 0;
    for (Document stream : streams.find().projection(Projections.include("version"))) {
      streamCount++;
      events += stream.get("version") instanceof Number n ? n.longValue() : 0;
    }
    return new StoreCount(streamCount, events);
  }

  /**
   * The id of an aggregate of this type to address: a fresh one now and then (so that commands
   * reach aggregates in their first state, not only ones fuzzed into a final state), else one
   * created before.
   */
  String aggregate(String type, Random random) throws IOException, InterruptedException {
    List<String> ids = created.computeIfAbsent(type, t -> new CopyOnWriteArrayList<>());
    if (ids.isEmpty() || random.nextInt(3) == 0) {
      return create(type, "AOBA");
    }
    return ids.get(random.nextInt(ids.size()));
  }

  /** Ids created so far of this type (for ids that collide, and references to other records). */
  List<String> created(String type) {
    return created.getOrDefault(type, List.of());
  }

  /** Creates an aggregate of this type with a valid request; fails if the service refuses it. */
  String create(String type, String ward) throws IOException, InterruptedException {
    String consentAt =
        OffsetDateTime.now(ZoneOffset.ofHours(9))
            .minusDays(1)
            .truncatedTo(ChronoUnit.SECONDS)
            .toString();
    String path;
    String body;
    switch (type) {
      case HOUSEHOLD -> {
        path = "/api/households";
        body =
            """
            {"ward": "%s", "riskFactors": ["CAREGIVER_AGED"], "disabilityTypes": ["INTELLECTUAL"], "child": false,
             "supportNeeds": ["BEHAVIOURAL_SUPPORT"], "consentAt": "%s",
             "person": {"name": "仙台 太郎", "address": "青葉区一番町1-1", "birthYear": 1990}}
            """
                .formatted(ward, consentAt);
      }
      case INTAKE -> {
        path = "/api/intakes";
        body =
            "{\"ward\": \"%s\", \"trigger\": \"CAREGIVER_SUDDEN_ILLNESS\", \"supportNeeds\": [\"MEDICAL_CARE\"]}"
                .formatted(ward);
      }
      case CO_SUPPORT -> {
        path = "/api/cosupports";
        body =
            "{\"ward\": \"%s\", \"officeId\": \"office-1\", \"difficulties\": [\"SUPPORT_REFUSAL\"]}"
                .formatted(ward);
      }
      case FACILITY -> {
        path = "/api/facilities";
        body =
            "{\"name\": \"ふぁず荘\", \"ward\": \"%s\", \"kind\": \"SHORT_STAY\", \"capabilities\": [\"MEDICAL_CARE\"], \"emergencyBeds\": 3}"
                .formatted(ward);
      }
      default -> throw new IllegalArgumentException(type);
    }
    Answer answer = send("POST", path, "coordinator", body.getBytes(StandardCharsets.UTF_8));
    if (answer.status() != 201) {
      throw new IllegalStateException(
          "Creating a " + type + " failed: " + answer.status() + " " + answer.body());
    }
    String id = json.readTree(answer.body()).path("id").asText();
    created.computeIfAbsent(type, t -> new CopyOnWriteArrayList<>()).add(id);
    return id;
  }

  JsonNode parse(String body) {
    try {
      return json.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Every method and path pattern of the service's own handlers that takes a body (POST, PUT,
   * PATCH).
   */
  Set<String> commandMappings() {
    Set<String> mappings = new TreeSet<>();
    RequestMappingHandlerMapping handlers =
        context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
    handlers
        .getHandlerMethods()
        .forEach(
            (info, method) -> {
              if (!method.getBeanType().getPackageName().startsWith("jp.coordination.command")) {
                return;
              }
              for (RequestMethod verb : info.getMethodsCondition().getMethods()) {
                if (verb == RequestMethod.POST
                    || verb == RequestMethod.PUT
                    || verb == RequestMethod.PATCH) {
                  info.getPatternValues().forEach(pattern -> mappings.add(verb + " " + pattern));
                }
              }
            });
    return mappings;
  }

  @Override
  public void close() {
    client.close();
    context.close();
    mongo.close();
  }
}
