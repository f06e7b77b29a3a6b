package jp.coordination.query.personaldata;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.util.Arrays;
import jp.coordination.events.personaldata.LocalMasterKey;
import jp.coordination.events.personaldata.MasterKey;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The master key and a client of its own for the key store, which lives in the command-service's
 * database (give this service a user with read access to {@code household_keys} only).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PersonalDataProperties.class)
public class PersonalDataConfiguration {

  @Bean
  MasterKey masterKey(PersonalDataProperties properties, Environment environment) {
    boolean production = Arrays.asList(environment.getActiveProfiles()).contains("production");
    if (production && PersonalDataProperties.DEVELOPMENT_MASTER_KEY.equals(properties.masterKey().trim())) {
      throw new IllegalStateException(
          "The production profile needs a real master key: set PERSONAL_DATA_MASTER_KEY (base64, 256 bits) "
              + "or provide a KMS-backed MasterKey; the published development key is refused.");
    }
    return LocalMasterKey.fromBase64(properties.masterKey());
  }

  /**
   * Not a {@code MongoClient} bean: one would replace Boot's own client of the read-model database.
   */
  @Bean(destroyMethod = "close")
  HouseholdKeyReader householdKeyReader(PersonalDataProperties properties, MasterKey masterKey) {
    ConnectionString uri = new ConnectionString(properties.keystoreUri());
    MongoClient client = MongoClients.create(uri);
    String database = uri.getDatabase() == null ? "coordination" : uri.getDatabase();
    return new HouseholdKeyReader(
        client.getDatabase(database).getCollection(HouseholdKeyReader.COLLECTION), masterKey, client);
  }
}
