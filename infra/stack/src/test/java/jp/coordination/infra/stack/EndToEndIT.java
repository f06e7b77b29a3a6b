package jp.coordination.infra.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import jp.coordination.infra.embedded.EmbeddedKafkaBroker;
import jp.coordination.infra.embedded.EmbeddedMongo;

/**
 * The end-to-end scenario on the real KRaft broker and the MongoDB stand-in, both in the test JVM:
 * no Docker needed.
 */
class EndToEndIT extends EndToEndScenario {
  private EmbeddedKafkaBroker broker;
  private EmbeddedMongo mongo;

  @Override
  protected void startInfrastructure() {
    try {
      Path target = Files.createDirectories(Path.of("target"));
      broker = EmbeddedKafkaBroker.start(Files.createTempDirectory(target, "e2e-kafka-"), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    mongo = EmbeddedMongo.inMemory();
  }

  @Override
  protected void stopInfrastructure() {
    if (broker != null) {
      broker.close();
    }
    if (mongo != null) {
      mongo.close();
    }
  }

  @Override
  protected String kafkaBootstrapServers() {
    return broker.bootstrapServers();
  }

  @Override
  protected String commandMongoUri() {
    return mongo.connectionString() + "/coordination";
  }

  @Override
  protected String queryMongoUri() {
    return mongo.connectionString() + "/coordination_query";
  }

  @Override
  protected void stopKafka() {
    broker.stop();
  }

  @Override
  protected void startKafka() {
    broker.restart();
  }
}
