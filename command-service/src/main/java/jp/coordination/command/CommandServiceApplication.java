package jp.coordination.command;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The command side: Axon aggregates over the MongoDB event store, publishing to Kafka. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CommandServiceApplication {
  public static void main(String[] args) {
    // Axon's update checker would try to reach the internet and write ~/.axoniq.
    System.setProperty("axoniq.update-checker.disabled", "true");
    SpringApplication.run(CommandServiceApplication.class, args);
  }
}
