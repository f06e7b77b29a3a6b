package jp.coordination.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.mongo.MongoAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class ProductionWriteConcernTest {

  // The client connects lazily: nothing listens on port 1 and nothing needs to.
  private final ApplicationContextRunner context =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(MongoAutoConfiguration.class))
          .withUserConfiguration(ProductionWriteConcern.class)
          .withPropertyValues(
              "spring.data.mongodb.uri=mongodb://127.0.0.1:1/coordination?w=1&journal=false");

  @Test
  void production_writes_wait_for_a_journaled_majority_whatever_the_connection_string_asks() {
    context
        .withPropertyValues("spring.profiles.active=production")
        .run(
            c ->
                assertThat(writeConcern(c.getBean(MongoClient.class)))
                    .isEqualTo(WriteConcern.MAJORITY.withJournal(true)));
  }

  @Test
  void outside_production_the_connection_string_decides() {
    context.run(
        c ->
            assertThat(writeConcern(c.getBean(MongoClient.class)))
                .isEqualTo(WriteConcern.W1.withJournal(false)));
  }

  private static WriteConcern writeConcern(MongoClient client) {
    return client.getDatabase("coordination").getWriteConcern();
  }
}
