package jp.coordination.command.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.MessageTimerMonitor;
import org.axonframework.monitoring.MessageMonitor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's Micrometer module on the command bus, and nowhere else.
 *
 * <p>Axon's own auto-configuration ({@code axon.metrics.auto-configuration.enabled}, off in
 * application.yml) would put four monitors on every component: per command two timers with
 * client-side percentiles (six quantiles over a ten-minute window, which Prometheus cannot
 * aggregate over instances anyway), five counters and a sliding-window capacity reservoir, and the
 * same again per event on the event bus. Here the command bus gets one {@link MessageTimerMonitor}:
 * per command an "all" timer and one of success or failure, plain timers (count, sum, max) without
 * percentiles. Latency percentiles come from the dispatcher's histogram ({@code
 * coordination.command.latency}), which Prometheus can aggregate; stored events are counted by the
 * storage engine ({@code coordination.events.stored}). The service has no event processors.
 *
 * <p>The only tag is the command's class name, a bounded set; nothing of a message's content (an
 * aggregate id, say) becomes a tag.
 */
@Configuration(proxyBeanMethods = false)
public class AxonMessageMonitors {

  /**
   * Prefix of Axon's command bus timers: {@code commandBus.allTimer}, {@code .successTimer}, ...
   */
  public static final String COMMAND_BUS = "commandBus";

  /** Tag of Axon's command bus timers: the command's simple class name. */
  public static final String PAYLOAD_TYPE = "payloadType";

  @Bean
  ConfigurerModule commandBusTimers(ObjectProvider<MeterRegistry> meters) {
    return configurer ->
        meters.ifUnique(registry -> commandBusTimers(registry).configureModule(configurer));
  }

  /**
   * Puts {@link #commandBusMonitor} on the command bus; every other component keeps Axon's no-op
   * monitor.
   */
  public static ConfigurerModule commandBusTimers(MeterRegistry registry) {
    return configurer ->
        configurer.configureMessageMonitor(
            CommandBus.class, (configuration, type, name) -> commandBusMonitor(registry));
  }

  /** The command bus's monitor: two timer updates per command, tagged by command class only. */
  public static MessageMonitor<Message<?>> commandBusMonitor(MeterRegistry registry) {
    return MessageTimerMonitor.builder()
        .meterNamePrefix(COMMAND_BUS)
        .meterRegistry(registry)
        .tagsBuilder(message -> Tags.of(PAYLOAD_TYPE, message.getPayloadType().getSimpleName()))
        // Axon asks for six client-side percentiles; none: each recording stays a counter update.
        .timerCustomization(timer -> timer.publishPercentiles())
        .build();
  }
}
