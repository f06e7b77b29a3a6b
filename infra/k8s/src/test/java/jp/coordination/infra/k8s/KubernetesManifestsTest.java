package jp.coordination.infra.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import jp.coordination.platform.management.HealthOnApplicationPort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The Kubernetes manifests (base and overlays, rendered as {@code kubectl apply -k} would) hold
 * against the Kubernetes schema and against what the services really serve and read, and use the
 * images Jib builds.
 */
class KubernetesManifestsTest {
  static final Path REPOSITORY = Path.of("../..").toAbsolutePath().normalize();
  static final Path K8S = REPOSITORY.resolve("infra/k8s");
  static final List<String> SERVICES = List.of("command-service", "query-service");

  /**
   * Settings that only a Secret may carry: credentials, keys, and the identity provider the tokens
   * are checked by.
   */
  static final Set<String> SECRET_SETTINGS =
      Set.of(
          "MONGODB_URI",
          "QUERY_MONGODB_URI",
          "KEYSTORE_MONGODB_URI",
          "OAUTH2_ISSUER_URI",
          "OAUTH2_AUDIENCE",
          "PERSONAL_DATA_MASTER_KEY",
          "AUDIT_CHECKPOINT_KEY");

  /** What docs/SECURITY.md ("Profiles") makes required without the local profile, per service. */
  static final Map<String, Set<String>> REQUIRED_IN_PRODUCTION =
      Map.of(
          "command-service",
              Set.of(
                  "MONGODB_URI",
                  "OAUTH2_ISSUER_URI",
                  "OAUTH2_AUDIENCE",
                  "PERSONAL_DATA_MASTER_KEY",
                  "AUDIT_CHECKPOINT_KEY"),
          "query-service",
              Set.of(
                  "QUERY_MONGODB_URI",
                  "KEYSTORE_MONGODB_URI",
                  "OAUTH2_ISSUER_URI",
                  "OAUTH2_AUDIENCE",
                  "PERSONAL_DATA_MASTER_KEY"));

  /** Variables Spring binds by relaxed binding, without a placeholder in application.yml. */
  static final Set<String> SPRING_VARIABLES = Set.of("SPRING_PROFILES_ACTIVE");

  static Stream<String> kustomizations() {
    return Stream.of("base", "overlays/production");
  }

  static List<HasMetadata> rendered(String kustomization) {
    return Kustomize.render(K8S.resolve(kustomization)).stream()
        .map(StrictKubernetesModel::read)
        .toList();
  }

  static Deployment deployment(List<HasMetadata> resources, String service) {
    return find(resources, Deployment.class, service);
  }

  static <T extends HasMetadata> T find(List<HasMetadata> resources, Class<T> kind, String name) {
    return resources.stream()
        .filter(kind::isInstance)
        .map(kind::cast)
        .filter(r -> r.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind.getSimpleName() + " " + name));
  }

  static Container container(Deployment deployment) {
    List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
    assertThat(containers).hasSize(1);
    return containers.get(0);
  }

  static int port(Container container, IntOrString port) {
    if (port.getIntVal() != null) {
      return port.getIntVal();
    }
    return container.getPorts().stream()
        .filter(p -> port.getStrVal().equals(p.getName()))
        .map(ContainerPort::getContainerPort)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no container port named " + port.getStrVal()));
  }

  /**
   * The paths the application port answers health on: HealthOnApplicationPort's mappings,
   * alternatives expanded.
   */
  static Set<String> healthPathsOnApplicationPort() {
    Pattern alternatives = Pattern.compile("\\{\\w+:([\\w|]+)}");
    Set<String> paths = new TreeSet<>();
    for (Method method : HealthOnApplicationPort.class.getMethods()) {
      GetMapping mapping = method.getAnnotation(GetMapping.class);
      for (String path : mapping == null ? new String[0] : mapping.path()) {
        Matcher variable = alternatives.matcher(path);
        if (variable.find()) {
          for (String alternative : variable.group(1).split("\\|")) {
            paths.add(
                path.substring(0, variable.start()) + alternative + path.substring(variable.end()));
          }
        } else {
          paths.add(path);
        }
      }
    }
    return paths;
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void every_rendered_resource_is_valid_against_the_kubernetes_schema(String kustomization) {
    List<ObjectNode> manifests = Kustomize.render(K8S.resolve(kustomization));

    assertThat(manifests)
        .extracting(m -> m.path("kind").asText())
        .contains("Deployment", "Service", "PodDisruptionBudget", "ConfigMap");
    manifests.forEach(StrictKubernetesModel::read);
  }

  @Test
  void a_field_the_schema_does_not_have_is_refused() {
    ObjectNode deployment =
        Kustomize.render(K8S.resolve("base")).stream()
            .filter(m -> m.path("kind").asText().equals("Deployment"))
            .findFirst()
            .orElseThrow();
    ObjectNode container = (ObjectNode) deployment.at("/spec/template/spec/containers/0");
    container.set("readinesProbe", container.get("readinessProbe"));

    assertThatThrownBy(() -> StrictKubernetesModel.read(deployment))
        .hasMessageContaining("readinesProbe");
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void each_service_runs_two_replicas_and_a_budget_keeps_one_of_them_through_a_disruption(
      String kustomization) {
    List<HasMetadata> resources = rendered(kustomization);
    for (String service : SERVICES) {
      Deployment deployment = deployment(resources, service);
      PodDisruptionBudget budget = find(resources, PodDisruptionBudget.class, service);

      assertThat(deployment.getSpec().getReplicas()).as(service).isEqualTo(2);
      assertThat(budget.getSpec().getMinAvailable()).as(service).isEqualTo(new IntOrString(1));
      assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
          .as(service + ": the budget selects the deployment's pods")
          .containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels());
      assertThat(deployment.getSpec().getSelector().getMatchLabels())
          .isEqualTo(budget.getSpec().getSelector().getMatchLabels());
    }
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void probes_ask_the_health_groups_on_the_port_the_service_serves_them(String kustomization) {
    Set<String> answered = healthPathsOnApplicationPort();
    for (String service : SERVICES) {
      ServiceSettings settings = ServiceSettings.of(REPOSITORY, service);
      Container container = container(deployment(rendered(kustomization), service));

      assertThat(settings.probesEnabled())
          .as(service + ": management.endpoint.health.probes.enabled")
          .isTrue();
      Map<String, Probe> probes =
          Map.of(
              "liveness", container.getLivenessProbe(),
              "readiness", container.getReadinessProbe(),
              "startup", container.getStartupProbe());
      probes.forEach(
          (kind, probe) -> {
            String group = kind.equals("readiness") ? "readiness" : "liveness";
            String path = probe.getHttpGet().getPath();
            assertThat(path)
                .as(service + " " + kind + " probe")
                .isEqualTo("/actuator/health/" + group);
            assertThat(answered).as("HealthOnApplicationPort answers " + path).contains(path);
            assertThat(settings.healthGroups())
                .as(service + ": health group " + group)
                .contains(group);
            assertThat(port(container, probe.getHttpGet().getPort()))
                .as(service + " " + kind + " probe port = server.port")
                .isEqualTo(settings.port());
          });
    }
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void containers_and_services_use_the_application_port_and_prometheus_scrapes_the_management_port(
      String kustomization) {
    List<HasMetadata> resources = rendered(kustomization);
    for (String service : SERVICES) {
      ServiceSettings settings = ServiceSettings.of(REPOSITORY, service);
      Deployment deployment = deployment(resources, service);
      Container container = container(deployment);

      assertThat(container.getPorts())
          .extracting(ContainerPort::getContainerPort)
          .containsExactlyInAnyOrder(settings.port(), settings.managementPort());
      Map<String, String> annotations =
          deployment.getSpec().getTemplate().getMetadata().getAnnotations();
      assertThat(annotations)
          .containsEntry("prometheus.io/scrape", "true")
          .containsEntry("prometheus.io/path", "/actuator/prometheus")
          .containsEntry("prometheus.io/port", String.valueOf(settings.managementPort()));

      Service route = find(resources, Service.class, service);
      assertThat(route.getSpec().getSelector())
          .isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
      assertThat(route.getSpec().getPorts())
          .singleElement()
          .satisfies(
              p -> assertThat(port(container, p.getTargetPort())).isEqualTo(settings.port()));
    }
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void every_variable_a_deployment_sets_is_one_its_service_reads(String kustomization) {
    List<HasMetadata> resources = rendered(kustomization);
    for (String service : SERVICES) {
      Set<String> read = new TreeSet<>(ServiceSettings.of(REPOSITORY, service).variables());
      read.addAll(SPRING_VARIABLES);

      assertThat(variables(resources, container(deployment(resources, service))).keySet())
          .as(service + ": set by the deployment and its ConfigMaps")
          .isSubsetOf(read);
    }
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void secrets_come_only_from_secrets_and_none_is_committed(String kustomization) {
    List<HasMetadata> resources = rendered(kustomization);
    assertThat(resources).noneMatch(Secret.class::isInstance);
    for (String service : SERVICES) {
      Map<String, String> sources = variables(resources, container(deployment(resources, service)));

      sources.forEach(
          (name, source) -> {
            if (SECRET_SETTINGS.contains(name)) {
              assertThat(source).as(service + " " + name).startsWith("secret:");
            }
          });
      assertThat(sources)
          .as(service + ": production profile's required settings")
          .containsKeys(REQUIRED_IN_PRODUCTION.get(service).toArray(String[]::new));
      assertThat(sources.get("SPRING_PROFILES_ACTIVE")).isEqualTo("production");
    }
  }

  @Test
  void the_example_secret_has_exactly_the_keys_the_deployments_read() {
    Secret example =
        (Secret)
            StrictKubernetesModel.read(
                Kustomize.readAll(K8S.resolve("overlays/production/secret.example.yaml")).get(0));
    List<HasMetadata> resources = rendered("overlays/production");
    Set<String> referenced = new TreeSet<>();
    for (String service : SERVICES) {
      container(deployment(resources, service)).getEnv().stream()
          .filter(v -> v.getValueFrom() != null && v.getValueFrom().getSecretKeyRef() != null)
          .forEach(
              v -> {
                assertThat(v.getValueFrom().getSecretKeyRef().getName())
                    .isEqualTo(example.getMetadata().getName());
                referenced.add(v.getValueFrom().getSecretKeyRef().getKey());
              });
    }

    assertThat(example.getStringData().keySet()).isEqualTo(referenced);
    assertThat(example.getMetadata().getNamespace()).isEqualTo("coordination");
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void containers_request_resources_and_run_as_non_root_on_a_read_only_root(String kustomization) {
    for (String service : SERVICES) {
      Deployment deployment = deployment(rendered(kustomization), service);
      PodSpec pod = deployment.getSpec().getTemplate().getSpec();
      Container container = container(deployment);

      Map<String, Quantity> requests = container.getResources().getRequests();
      assertThat(requests).as(service + " requests").containsKeys("cpu", "memory");
      assertThat(container.getResources().getLimits())
          .as(service + " limits")
          .containsKey("memory");
      assertThat(Quantity.getAmountInBytes(container.getResources().getLimits().get("memory")))
          .isGreaterThanOrEqualTo(Quantity.getAmountInBytes(requests.get("memory")));
      assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(service).isTrue();
      assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).as(service).isTrue();
      assertThat(container.getSecurityContext().getAllowPrivilegeEscalation())
          .as(service)
          .isFalse();
      String tmp =
          container.getVolumeMounts().stream()
              .filter(m -> m.getMountPath().equals("/tmp"))
              .findFirst()
              .orElseThrow(() -> new AssertionError(service + ": no writable /tmp"))
              .getName();
      assertThat(pod.getVolumes())
          .filteredOn(v -> v.getName().equals(tmp))
          .singleElement()
          .satisfies(v -> assertThat(v.getEmptyDir()).isNotNull());
    }
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void deployments_run_the_images_jib_builds(String kustomization) {
    List<HasMetadata> resources = rendered(kustomization);
    for (String service : SERVICES) {
      assertThat(container(deployment(resources, service)).getImage())
          .isEqualTo(JibImages.of(REPOSITORY, service).image());
    }
  }

  @Test
  void jib_images_expose_the_ports_the_services_serve() {
    for (String service : SERVICES) {
      ServiceSettings settings = ServiceSettings.of(REPOSITORY, service);
      JibImages image = JibImages.of(REPOSITORY, service);

      assertThat(image.image()).startsWith("coordination/" + service + ":");
      assertThat(image.port()).as(service + " image.port").isEqualTo(settings.port());
      assertThat(image.managementPort())
          .as(service + " image.management-port")
          .isEqualTo(settings.managementPort());
    }
  }

  @Test
  void compose_runs_the_images_jib_builds_and_pins_every_other_image() {
    JsonNode compose = Kustomize.readAll(REPOSITORY.resolve("infra/compose/compose.yaml")).get(0);
    for (String service : SERVICES) {
      assertThat(compose.path("services").path(service).path("image").asText())
          .as("compose " + service)
          .isEqualTo(JibImages.of(REPOSITORY, service).image());
    }
    compose
        .path("services")
        .forEach(
            service ->
                assertThat(service.path("image").asText())
                    .as("a specific version, never latest or a major alone")
                    .matches("[a-z0-9./-]+:\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"));
  }

  /**
   * Each variable the container gets, with where it comes from: "secret:NAME", "configmap:NAME", or
   * its value.
   */
  static Map<String, String> variables(List<HasMetadata> resources, Container container) {
    Map<String, String> variables = new TreeMap<>();
    for (EnvFromSource source :
        container.getEnvFrom() == null ? List.<EnvFromSource>of() : container.getEnvFrom()) {
      assertThat(source.getSecretRef()).as("secrets one by one, by secretKeyRef").isNull();
      ConfigMap map = find(resources, ConfigMap.class, source.getConfigMapRef().getName());
      variables.putAll(map.getData());
    }
    for (EnvVar variable : container.getEnv() == null ? List.<EnvVar>of() : container.getEnv()) {
      if (variable.getValueFrom() != null && variable.getValueFrom().getSecretKeyRef() != null) {
        variables.put(
            variable.getName(), "secret:" + variable.getValueFrom().getSecretKeyRef().getName());
      } else {
        variables.put(variable.getName(), variable.getValue());
      }
    }
    return variables;
  }
}
