package jp.coordination.query.admission;

import io.micrometer.core.instrument.MeterRegistry;
import jp.coordination.platform.admission.AdmissionLimit;
import jp.coordination.platform.admission.AdmissionLimit.Paths;
import jp.coordination.platform.admission.TimedRequestThreads;
import jp.coordination.platform.problem.ProblemWriter;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The read API's admission limit (docs/ARCHITECTURE.md, "Load shedding"): every GET under {@code
 * /api}, counted by endpoint group, except the live streams, which stay open for minutes without a
 * thread and are limited per user instead. Health is outside {@code /api}. The security chain runs
 * it ({@code SecurityConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "coordination.read-admission.enabled", matchIfMissing = true)
class ReadAdmissionConfiguration {

  static Paths readPaths() {
    return Paths.reads("/api/**")
        .except("/api/wards/{ward}/dashboard/stream")
        .group("dashboard", "/api/wards/{ward}/dashboard")
        .group("statistics", "/api/statistics/**")
        .group(
            "views",
            "/api/households/**",
            "/api/intakes/**",
            "/api/cosupports/**",
            "/api/experience-stays",
            "/api/experience-stays/**",
            "/api/community-issues",
            "/api/community-issues/**")
        .group("candidates", "/api/facilities/**")
        .group("evaluations", "/api/evaluations/**")
        .group("operations", "/api/operations/**")
        .group("wards", "/api/wards");
  }

  @Bean
  AdmissionLimit readAdmission(
      ReadAdmissionProperties settings, ProblemWriter problems, MeterRegistry meters) {
    return new AdmissionLimit(
        settings.maxInProgress(),
        settings.maxWait(),
        settings.maxQueueWait(),
        settings.retryAfter(),
        readPaths(),
        problems,
        meters);
  }

  /**
   * Tomcat's request threads with a clock on their queue, so that the limit can refuse a read that
   * already waited too long for a thread.
   */
  @Bean
  TimedRequestThreads timedRequestThreads(ServerProperties server) {
    return new TimedRequestThreads("query-http-", server.getTomcat().getThreads());
  }

  /**
   * It runs inside the security chain only; as a bean it would also be registered for every
   * request.
   */
  @Bean
  FilterRegistrationBean<AdmissionLimit> readAdmissionOutsideTheChain(
      AdmissionLimit readAdmission) {
    FilterRegistrationBean<AdmissionLimit> registration =
        new FilterRegistrationBean<>(readAdmission);
    registration.setEnabled(false);
    return registration;
  }
}
