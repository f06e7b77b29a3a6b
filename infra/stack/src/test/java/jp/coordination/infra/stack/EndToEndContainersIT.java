package jp.coordination.infra.stack;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.MongoDBContainer;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The end-to-end scenario on what production runs: MongoDB 7 as a replica set and Apache Kafka
 * 3.9.2, in containers. Skipped where there is no Docker engine, which includes every CI run so
 * far: it is the only test meant for a real MongoDB, and it has not run there yet. Kept compiling
 * and in step with {@link EndToEndScenario} for a machine with Docker (see the README for the
 * command that runs it alone).
 */
@Testcontainers(disabledWithoutDocker = true)
class EndToEndContainersIT extends EndToEndScenario {
  private final MongoDBContainer mongo = new MongoDBContainer("mongo:7.0.16");
  private final KafkaContainer kafka = new KafkaContainer("apache/kafka:3.9.2");

  @Override
  protected void startInfrastructure() {
    mongo.start();
    kafka.start();
  }

  @Override
  protected void stopInfrastructure() {
    kafka.stop();
    mongo.stop();
  }

  @Override
  protected String kafkaBootstrapServers() {
    return kafka.getBootstrapServers();
  }

  @Override
  protected String commandMongoUri() {
    return mongo.getReplicaSetUrl("coordination");
  }

  @Override
  protected String queryMongoUri() {
    return mongo.getReplicaSetUrl("coordination_query");
  }

  // Pausing keeps the container's mapped port, which a stop and start would change under the
  // services' feet.
  @Override
  protected void stopKafka() {
    DockerClientFactory.instance().client().pauseContainerCmd(kafka.getContainerId()).exec();
  }

  @Override
  protected void startKafka() {
    DockerClientFactory.instance().client().unpauseContainerCmd(kafka.getContainerId()).exec();
  }
}
