package jp.coordination.command.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** Checkpoints are signed in production: without a real HMAC key the service does not start. */
class AuditCheckpointKeyTest {

  private static AuditProperties key(String key) {
    return new AuditProperties(Duration.ofHours(24), key, 200, 500);
  }

  private static MockEnvironment production() {
    MockEnvironment environment = new MockEnvironment();
    environment.setActiveProfiles("production");
    return environment;
  }

  @Test
  void the_production_profile_refuses_to_start_without_a_checkpoint_key() {
    assertThatThrownBy(() -> AuditConfiguration.checkpointKey(key(""), production()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("AUDIT_CHECKPOINT_KEY");
  }

  @Test
  void the_production_profile_refuses_a_checkpoint_key_shorter_than_32_bytes() {
    assertThatThrownBy(() -> AuditConfiguration.checkpointKey(key("x".repeat(31)), production()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("AUDIT_CHECKPOINT_KEY");
  }

  @Test
  void the_production_profile_starts_with_a_key_of_32_bytes() {
    assertThat(AuditConfiguration.checkpointKey(key("k".repeat(32)), production())).hasSize(32);
  }

  @Test
  void the_local_run_may_leave_checkpoints_unsigned() {
    assertThat(AuditConfiguration.checkpointKey(key(""), new MockEnvironment())).isEmpty();
  }
}
