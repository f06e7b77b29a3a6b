package jp.coordination.command.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitor;
import org.junit.jupiter.api.Test;

class AxonMessageMonitorsTest {

  record CloseCase(String caseId) {}

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void a_command_updates_two_plain_timers_tagged_by_its_class_only() {
    MessageMonitor<Message<?>> monitor = AxonMessageMonitors.commandBusMonitor(registry);

    monitor
        .onMessageIngested(GenericCommandMessage.asCommandMessage(new CloseCase("case-4711")))
        .reportSuccess();

    assertThat(timer("allTimer").count()).isEqualTo(1);
    assertThat(timer("successTimer").count()).isEqualTo(1);
    assertThat(timer("failureTimer").count()).isZero();
    // No client-side percentiles (a histogram per timer, not aggregable across instances).
    assertThat(timer("allTimer").takeSnapshot().percentileValues()).isEmpty();
    // Timers only (no counters, no capacity gauge), and no tag but the class: never an aggregate
    // id.
    assertThat(registry.getMeters())
        .allSatisfy(meter -> assertThat(meter).isInstanceOf(Timer.class));
    assertThat(registry.getMeters())
        .flatExtracting(meter -> meter.getId().getTags())
        .extracting(Tag::getKey)
        .containsOnly(AxonMessageMonitors.PAYLOAD_TYPE);
    assertThat(registry.getMeters())
        .extracting(Meter::getId)
        .allSatisfy(
            id -> assertThat(id.getTag(AxonMessageMonitors.PAYLOAD_TYPE)).isEqualTo("CloseCase"));
  }

  @Test
  void the_command_bus_gets_the_timers_and_the_event_bus_no_monitor() {
    Configurer configurer = DefaultConfigurer.defaultConfiguration();
    AxonMessageMonitors.commandBusTimers(registry).configureModule(configurer);
    Configuration configuration = configurer.buildConfiguration();

    configuration
        .messageMonitor(CommandBus.class, "commandBus")
        .onMessageIngested(GenericCommandMessage.asCommandMessage(new CloseCase("case-4711")))
        .reportFailure(new IllegalStateException("refused"));

    assertThat(timer("failureTimer").count()).isEqualTo(1);
    assertThat(configuration.messageMonitor(EventBus.class, "eventBus"))
        .isSameAs(NoOpMessageMonitor.INSTANCE);
  }

  private Timer timer(String name) {
    return registry
        .get(AxonMessageMonitors.COMMAND_BUS + "." + name)
        .tag(AxonMessageMonitors.PAYLOAD_TYPE, "CloseCase")
        .timer();
  }
}
