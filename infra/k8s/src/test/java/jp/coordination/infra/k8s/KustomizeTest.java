package jp.coordination.infra.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The part of Kustomize our renderer does, each as kubectl kustomize does it. */
class KustomizeTest {
  @TempDir Path dir;

  static final String DEPLOYMENT =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: app}
      spec:
        template:
          spec:
            containers:
              - name: app
                image: example/app:1.0.0
                env:
                  - {name: A, value: "1"}
                  - {name: B, value: "2"}
      """;

  void write(String file, String text) throws IOException {
    Files.createDirectories(dir.resolve(file).getParent());
    Files.writeString(dir.resolve(file), text);
  }

  @Test
  void an_overlay_patch_merges_lists_of_named_items_by_name_and_sets_the_namespace()
      throws IOException {
    write("base/kustomization.yaml", "resources: [app.yaml]\n");
    write("base/app.yaml", DEPLOYMENT);
    write(
        "overlay/kustomization.yaml",
        "namespace: prod\nresources: [../base]\npatches:\n  - path: patch.yaml\n");
    write(
        "overlay/patch.yaml",
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: app}
        spec:
          replicas: 3
          template:
            spec:
              containers:
                - name: app
                  env:
                    - {name: B, value: "20"}
                    - {name: C, value: "3"}
        """);

    ObjectNode app = Kustomize.render(dir.resolve("overlay")).get(0);

    assertThat(app.at("/metadata/namespace").asText()).isEqualTo("prod");
    assertThat(app.at("/spec/replicas").asInt()).isEqualTo(3);
    assertThat(app.at("/spec/template/spec/containers/0/image").asText())
        .isEqualTo("example/app:1.0.0");
    assertThat(app.at("/spec/template/spec/containers/0/env").toString())
        .isEqualTo(
            "[{\"name\":\"A\",\"value\":\"1\"},{\"name\":\"B\",\"value\":\"20\"},{\"name\":\"C\",\"value\":\"3\"}]");
  }

  @Test
  void images_replace_the_tag_or_the_name_of_the_matching_image_only() throws IOException {
    write(
        "kustomization.yaml",
        """
        resources: [app.yaml]
        images:
          - {name: example/app, newTag: 2.0.0}
          - {name: example/other, newName: registry.example/other}
        """);
    write("app.yaml", DEPLOYMENT);

    assertThat(Kustomize.render(dir).get(0).at("/spec/template/spec/containers/0/image").asText())
        .isEqualTo("example/app:2.0.0");
  }

  @Test
  void a_patch_that_matches_no_resource_is_refused() throws IOException {
    write("kustomization.yaml", "resources: [app.yaml]\npatches:\n  - path: patch.yaml\n");
    write("app.yaml", DEPLOYMENT);
    write(
        "patch.yaml",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: typo}\nspec: {replicas: 3}\n");

    assertThatThrownBy(() -> Kustomize.render(dir))
        .hasMessageContaining("Deployment/typo matches no resource");
  }

  @Test
  void a_kustomization_field_the_renderer_does_not_do_is_refused_rather_than_ignored()
      throws IOException {
    write(
        "kustomization.yaml",
        "resources: []\nconfigMapGenerator:\n  - {name: x, literals: [A=1]}\n");

    assertThatThrownBy(() -> Kustomize.render(dir)).hasMessageContaining("configMapGenerator");
  }
}
