package jp.coordination.query.personaldata;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import jp.coordination.events.personaldata.LocalMasterKey;
import jp.coordination.events.personaldata.MasterKey;
import jp.coordination.platform.security.ProfileGuards;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The master key and a client of its own for the command-service's database, where the key store
 * and the read records live (give this service a user with read access to {@code household_keys}
 * and insert access to {@code access_records} only).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PersonalDataProperties.class)
public class PersonalDataConfiguration {

  @Bean
  MasterKey masterKey(PersonalDataProperties properties, Environment environment) {
    // A key must be set; the published development key only with the local profile (compared
    // by its decoded bytes, in constant time).
    ProfileGuards.requireMasterKey(environment, properties.masterKey());
    return LocalMasterKey.fromBase64(properties.masterKey());
  }

  /**
   * The command side's database, where {@code household_keys} (read) and {@code access_records}
   * (append) live. Not a {@code MongoClient} bean: one would replace Boot's own client of the
   * read-model database.
   */
  @Bean(destroyMethod = "close")
  CommandSideDatabase commandSideDatabase(PersonalDataProperties properties) {
    ConnectionString uri = new ConnectionString(properties.keystoreUri());
    MongoClient client = MongoClients.create(uri);
    String database = uri.getDatabase() == null ? "coordination" : uri.getDatabase();
    return new CommandSideDatabase(client, client.getDatabase(database));
  }

  @Bean
  HouseholdKeyReader householdKeyReader(CommandSideDatabase commandSide, MasterKey masterKey) {
    return new HouseholdKeyReader(
        commandSide.database().getCollection(HouseholdKeyReader.COLLECTION), masterKey, null);
  }

  @Bean
  ReadRecords readRecords(CommandSideDatabase commandSide, ObjectProvider<Clock> clock) {
    return new ReadRecords(
        commandSide.database().getCollection(ReadRecords.COLLECTION),
        clock.getIfUnique(Clock::systemUTC));
  }

  /** A client of the command side's database and that database; closing it closes the client. */
  public record CommandSideDatabase(MongoClient client, MongoDatabase database)
      implements AutoCloseable {
    @Override
    public void close() {
      client.close();
    }
  }
}
