package jp.coordination.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import jp.coordination.events.DomainEvent;
import jp.coordination.events.care.SupportNeed;
import jp.coordination.events.cosupport.ActivityType;
import jp.coordination.events.cosupport.CoSupportActivityRecorded;
import jp.coordination.events.cosupport.CoSupportClosed;
import jp.coordination.events.cosupport.CoSupportOpened;
import jp.coordination.events.cosupport.CoSupportOutcome;
import jp.coordination.events.cosupport.Difficulty;
import jp.coordination.events.envelope.Envelopes;
import jp.coordination.events.envelope.EventCodec;
import jp.coordination.events.envelope.EventEnvelope;
import jp.coordination.events.household.AtRiskHouseholdRegistered;
import jp.coordination.events.household.DeregistrationReason;
import jp.coordination.events.household.DisabilityType;
import jp.coordination.events.household.EncryptedPersonalData;
import jp.coordination.events.household.HouseholdDeregistered;
import jp.coordination.events.household.HouseholdMovedWard;
import jp.coordination.events.household.HouseholdRiskReassessed;
import jp.coordination.events.household.PersonalData;
import jp.coordination.events.household.RiskFactor;
import jp.coordination.events.intake.DeclineReason;
import jp.coordination.events.intake.EmergencyIntakeCompleted;
import jp.coordination.events.intake.EmergencyIntakeDeclined;
import jp.coordination.events.intake.EmergencyIntakePlaced;
import jp.coordination.events.intake.EmergencyIntakeRequested;
import jp.coordination.events.intake.IntakeOutcome;
import jp.coordination.events.intake.IntakeTrigger;
import jp.coordination.events.personaldata.PersonalDataCipher;
import jp.coordination.events.region.Region;
import jp.coordination.infra.embedded.EmbeddedKafkaBroker;
import jp.coordination.query.calendar.BusinessCalendar;
import jp.coordination.query.calendar.Holidays;
import jp.coordination.query.evaluation.Evaluation;
import jp.coordination.query.evaluation.KafkaEventSource;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.util.FileSystemUtils;

/**
 * The annual evaluation's replay against a bare consumer on the same topic: writes N realistic
 * events (default 1,000,000) over five wards to a local broker, then measures, three runs each, (a)
 * a KafkaConsumer reading the topic and decoding each record with the event codec and (b) the
 * evaluation replay (read, decode, dedup, fold facts, compute the year). Prints rates and the ratio
 * of the medians. Usage: {@code ./bench.sh ReplayBenchmark [events] [runs]}.
 */
public final class ReplayBenchmark {

  private static final String TOPIC = "coordination.events.bench";
  private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
  private static final List<String> WARDS =
      List.of("AOBA", "MIYAGINO", "WAKABAYASHI", "TAIHAKU", "IZUMI");

  public static void main(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Path dir = Files.createTempDirectory("replay-bench-kafka");
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir, 0)) {
      String servers = broker.bootstrapServers();
      try (AdminClient admin =
          AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
        admin.createTopics(List.of(new NewTopic(TOPIC, 6, (short) 1))).all().get();
      }
      long bytes = produce(servers, TOPIC, events, new Mix(42));
      System.out.printf(
          "wrote %,d events (%,d bytes of JSON, %.0f bytes each on average)%n",
          events, bytes, (double) bytes / events);

      Region region = Region.load(null);
      BusinessCalendar calendar = BusinessCalendar.tokyo(Holidays.load(null).dates());
      EventCodec codec = new EventCodec();
      double[] bare = new double[runs];
      double[] replay = new double[runs];
      for (int run = 0; run < runs; run++) {
        long t0 = System.nanoTime();
        long read = bareRead(servers, TOPIC, codec);
        bare[run] = read / ((System.nanoTime() - t0) / 1e9);
        long t1 = System.nanoTime();
        Evaluation.Outcome outcome =
            Evaluation.run(
                new KafkaEventSource(servers, TOPIC, codec, Map.of()),
                2025,
                null,
                region,
                calendar,
                n -> {});
        replay[run] = outcome.eventsRead() / ((System.nanoTime() - t1) / 1e9);
        System.out.printf(
            "run %d: bare %,.0f events/s (%,d read), replay %,.0f events/s (%,d read, FY2025 requests %,d)%n",
            run + 1,
            bare[run],
            read,
            replay[run],
            outcome.eventsRead(),
            outcome.statistics().total().intakesRequested());
      }
      double bareMedian = median(bare);
      double replayMedian = median(replay);
      System.out.printf(
          "bare consumer + decode: median %,.0f/s, min %,.0f, max %,.0f%n",
          bareMedian, min(bare), max(bare));
      System.out.printf(
          "evaluation replay:      median %,.0f/s, min %,.0f, max %,.0f%n",
          replayMedian, min(replay), max(replay));
      System.out.printf(
          "ratio replay / bare (medians): %.2f (target >= 0.60)%n", replayMedian / bareMedian);
      System.out.printf(
          "machine: %d cores, max heap %d MB, %s %s%n",
          Runtime.getRuntime().availableProcessors(),
          Runtime.getRuntime().maxMemory() >> 20,
          System.getProperty("java.vm.name"),
          System.getProperty("java.version"));
    } finally {
      // A million events are a quarter of a gigabyte of broker log; a run leaves nothing behind.
      FileSystemUtils.deleteRecursively(dir);
    }
  }

  /** The baseline: the same consumer settings as the replay, reading and decoding, nothing else. */
  static long bareRead(String servers, String topic, EventCodec codec) {
    long count = 0;
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(KafkaEventSource.replayConsumerConfig(servers))) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
      long total = end.values().stream().mapToLong(Long::longValue).sum();
      while (count < total) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          if (codec.decode(record.value()).sequence() >= 0) {
            count++;
          }
        }
      }
    }
    return count;
  }

  /** Realistic streams interleaved the way a busy city's coordinators would produce them. */
  static long produce(String servers, String topic, int total, Mix mix) throws Exception {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    config.put(ProducerConfig.ACKS_CONFIG, "1");
    config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L << 20);
    EventCodec codec = new EventCodec();
    long bytes = 0;
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
      for (int n = 0; n < total; n++) {
        EventEnvelope e = mix.next();
        byte[] value = codec.encode(e);
        bytes += value.length;
        producer.send(new ProducerRecord<>(topic, e.aggregateId(), value));
      }
      producer.flush();
    }
    return bytes;
  }

  /**
   * The realistic event mix, endless: 2,000 aggregates open at a time, each event from one of them
   * picked at random, so aggregates interleave as they do in the log. The micro-benchmarks draw
   * their events from here too, so both measure the same mix.
   */
  public static final class Mix {
    private final Random random;
    private final int firstDay;
    private final int startDays;
    private final List<Generator> open = new ArrayList<>();
    private int aggregates;

    /**
     * The same seed gives the same kinds, wards and times (ids are random UUIDs either way).
     * Aggregates start anywhere in FY2025, so the last ones run on into FY2026.
     */
    public Mix(long seed) {
      this(seed, 0, 365);
    }

    private Mix(long seed, int firstDay, int startDays) {
      this.random = new Random(seed);
      this.firstDay = firstDay;
      this.startDays = startDays;
    }

    /**
     * The same mix with every event in FY2025 (Tokyo): an aggregate's life spans at most 24 days
     * (eight events, each at most three days after the one before), so none starts in the year's
     * last 30 days; none in its first two either, as a registration's payload dates it a day back.
     */
    public static Mix withinFiscalYear2025(long seed) {
      return new Mix(seed, 2, 365 - 32);
    }

    public EventEnvelope next() {
      while (true) {
        if (open.size() < 2000) {
          open.add(new Generator(aggregates++, random, firstDay, startDays));
        }
        int pick = random.nextInt(open.size());
        EventEnvelope e = open.get(pick).next();
        if (e != null) {
          return e;
        }
        open.set(pick, open.get(open.size() - 1));
        open.remove(open.size() - 1);
      }
    }
  }

  /** One aggregate's life: a household, an intake or a co-support case, in its own order. */
  static final class Generator {
    private final Random random;
    private final List<DomainEvent> script = new ArrayList<>();
    private final String id = UUID.randomUUID().toString();
    private Instant at;
    private long sequence;

    /** Personal data as the command side stores it: encrypted with the household's own key. */
    private static EncryptedPersonalData encrypted(String householdId, PersonalData person) {
      return PersonalDataCipher.encrypt(householdId, 1, PersonalDataCipher.newDataKey(), person);
    }

    Generator(int number, Random random) {
      this(number, random, 0, 365);
    }

    Generator(int number, Random random, int firstDay, int startDays) {
      this.random = random;
      this.at =
          LocalDateTime.of(2025, 4, 1, 0, 0)
              .atZone(TOKYO)
              .toInstant()
              .plusSeconds(firstDay * 86_400L + random.nextInt(startDays * 86_400));
      String ward = WARDS.get(random.nextInt(WARDS.size()));
      int kind = random.nextInt(100);
      if (kind < 20) {
        script.add(
            new AtRiskHouseholdRegistered(
                id,
                ward,
                null,
                List.of(RiskFactor.CAREGIVER_AGED, RiskFactor.ISOLATED),
                List.of(DisabilityType.INTELLECTUAL),
                random.nextBoolean(),
                List.of(SupportNeed.WHEELCHAIR),
                at.minusSeconds(86_400),
                encrypted(
                    id,
                    new PersonalData(
                        "仙台 花子", "仙台市青葉区本町三丁目8番1号", "022-214-0000", 1970 + random.nextInt(40)))));
        script.add(
            new HouseholdRiskReassessed(id, ward, List.of(RiskFactor.CAREGIVER_ILL), List.of()));
        if (random.nextInt(5) == 0) {
          String to = WARDS.get((WARDS.indexOf(ward) + 1) % WARDS.size());
          script.add(new HouseholdMovedWard(id, ward, to));
          ward = to;
        }
        if (random.nextInt(4) == 0) {
          script.add(new HouseholdDeregistered(id, ward, DeregistrationReason.NO_LONGER_AT_RISK));
        }
      } else if (kind < 65) {
        script.add(
            new EmergencyIntakeRequested(
                id,
                ward,
                random.nextBoolean() ? UUID.randomUUID().toString() : null,
                IntakeTrigger.values()[random.nextInt(IntakeTrigger.values().length)],
                List.of(SupportNeed.MEDICAL_CARE)));
        for (int k = random.nextInt(3); k > 0; k--) {
          script.add(
              new EmergencyIntakeDeclined(
                  id,
                  ward,
                  UUID.randomUUID().toString(),
                  DeclineReason.values()[random.nextInt(DeclineReason.values().length)]));
        }
        script.add(new EmergencyIntakePlaced(id, ward, UUID.randomUUID().toString(), null));
        script.add(
            new EmergencyIntakeCompleted(
                id,
                ward,
                null,
                IntakeOutcome.values()[random.nextInt(IntakeOutcome.values().length)]));
      } else {
        script.add(
            new CoSupportOpened(
                id,
                ward,
                "office-" + random.nextInt(80),
                null,
                List.of(Difficulty.MULTI_PROBLEM_HOUSEHOLD, Difficulty.SUPPORT_REFUSAL)));
        for (int k = 1 + random.nextInt(6); k > 0; k--) {
          script.add(
              new CoSupportActivityRecorded(
                  id, ward, ActivityType.values()[random.nextInt(ActivityType.values().length)]));
        }
        script.add(new CoSupportClosed(id, ward, CoSupportOutcome.OFFICE_CONTINUES_ALONE));
      }
    }

    EventEnvelope next() {
      if (sequence >= script.size()) {
        return null;
      }
      DomainEvent payload = script.get((int) sequence);
      at = at.plusSeconds(60 + random.nextInt(3 * 86_400));
      return Envelopes.wrap(
          payload,
          UUID.randomUUID().toString(),
          sequence++,
          at,
          at.plusSeconds(2),
          "coordinator",
          "COORDINATOR",
          UUID.randomUUID().toString(),
          UUID.randomUUID().toString());
    }
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  static double min(double[] values) {
    return Arrays.stream(values).min().orElse(0);
  }

  static double max(double[] values) {
    return Arrays.stream(values).max().orElse(0);
  }
}
