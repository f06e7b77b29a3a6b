package jp.coordination.command.web;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import jp.coordination.command.audit.AuditProperties;
import jp.coordination.command.household.HouseholdErasure;
import jp.coordination.command.household.PersonalDataRetentionJob;
import jp.coordination.command.personaldata.InMemoryErasureSchedule;
import jp.coordination.command.personaldata.InMemoryHouseholdKeys;
import jp.coordination.command.personaldata.PersonalDataProperties;
import jp.coordination.command.references.FacilityReferences;
import jp.coordination.command.references.HouseholdReferences;
import jp.coordination.command.region.RegionConfiguration;
import jp.coordination.command.security.FacilityAccountProperties;
import jp.coordination.command.security.FacilityAccounts;
import jp.coordination.command.security.SecurityConfiguration;
import org.springdoc.core.configuration.SpringDocConfiguration;
import org.springdoc.core.properties.SpringDocConfigProperties;
import org.springdoc.webmvc.core.configuration.SpringDocWebMvcConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.info.ProjectInfoAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** The web layer of the command service without Axon and the store: those are mocked per test. */
@TestConfiguration(proxyBeanMethods = false)
// The web slice leaves out springdoc; with it, GET /v3/api-docs describes these very controllers.
@ImportAutoConfiguration({
  SpringDocConfiguration.class,
  SpringDocConfigProperties.class,
  SpringDocWebMvcConfiguration.class,
  ProjectInfoAutoConfiguration.class
})
@EnableConfigurationProperties({AuditProperties.class, FacilityAccountProperties.class})
@Import({
  SecurityConfiguration.class,
  RegionConfiguration.class,
  CommandDispatcher.class,
  CommandProblems.class,
  RequestHasher.class,
  BusinessTime.class,
  HouseholdErasure.class,
  PersonalDataRetentionJob.class,
  FacilityAccounts.class,
  HouseholdReferences.class,
  FacilityReferences.class,
  CommandApiDescription.class
})
public class CommandWebTestConfiguration {
  /** Tuesday 2 June 2026, 12:00 JST. */
  public static final Instant NOW = Instant.parse("2026-06-02T03:00:00Z");

  @Bean
  Clock clock() {
    return Clock.fixed(NOW, ZoneOffset.UTC);
  }

  @Bean
  InMemoryHouseholdKeys householdKeys() {
    return new InMemoryHouseholdKeys();
  }

  @Bean
  InMemoryErasureSchedule erasureSchedule() {
    return new InMemoryErasureSchedule();
  }

  @Bean
  PersonalDataProperties personalDataProperties() {
    return new PersonalDataProperties(
        PersonalDataProperties.DEVELOPMENT_MASTER_KEY,
        Period.ofYears(5),
        Duration.ofMinutes(1),
        Duration.ofMinutes(1));
  }

  @Bean
  SimpleMeterRegistry meterRegistry() {
    return new SimpleMeterRegistry();
  }
}
