package jp.coordination.infra.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a kustomization the way {@code kubectl kustomize} does, for the part of Kustomize our
 * manifests use: {@code resources} (files and directories), {@code namespace}, {@code patches} by
 * {@code path} (strategic merge: maps merged, lists of named items merged by {@code name}, other
 * lists replaced) and {@code images}. There is no Kustomize for the JVM and no binary on the build
 * machines; any other field is refused rather than ignored, so a manifest change that needs more of
 * Kustomize fails here instead of being checked wrongly (docs/ARCHITECTURE.md).
 */
final class Kustomize {
  static final YAMLMapper YAML = new YAMLMapper();

  private static final Set<String> SUPPORTED =
      Set.of("apiVersion", "kind", "resources", "namespace", "patches", "images");
  private static final Pattern IMAGE =
      Pattern.compile("^(?<name>[^@]+?)(?::(?<tag>[^:/@]+))?(?:@(?<digest>.+))?$");

  private Kustomize() {}

  static List<ObjectNode> render(Path directory) {
    JsonNode kustomization = readAll(directory.resolve("kustomization.yaml")).get(0);
    kustomization
        .fieldNames()
        .forEachRemaining(
            field -> {
              if (!SUPPORTED.contains(field)) {
                throw new IllegalArgumentException(
                    directory
                        + ": kustomization field '"
                        + field
                        + "' is not supported by this renderer");
              }
            });
    List<ObjectNode> resources = new ArrayList<>();
    for (JsonNode resource : kustomization.path("resources")) {
      Path path = directory.resolve(resource.asText()).normalize();
      resources.addAll(Files.isDirectory(path) ? render(path) : readAll(path));
    }
    for (JsonNode patch : kustomization.path("patches")) {
      if (!patch.has("path") || patch.size() != 1) {
        throw new IllegalArgumentException(
            directory + ": only patches by path are supported: " + patch);
      }
      for (ObjectNode change : readAll(directory.resolve(patch.get("path").asText()))) {
        merge(target(resources, change, directory), change);
      }
    }
    for (JsonNode image : kustomization.path("images")) {
      resources.forEach(resource -> setImage(resource, image));
    }
    if (kustomization.has("namespace")) {
      String namespace = kustomization.get("namespace").asText();
      resources.forEach(
          resource -> ((ObjectNode) resource.get("metadata")).put("namespace", namespace));
    }
    return resources;
  }

  /** Every document of a YAML file, empty ones (a trailing {@code ---}) left out. */
  static List<ObjectNode> readAll(Path file) {
    try (var documents = YAML.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile())) {
      List<ObjectNode> all = new ArrayList<>();
      while (documents.hasNext()) {
        JsonNode document = documents.next();
        if (document instanceof ObjectNode object) {
          all.add(object);
        }
      }
      return all;
    } catch (IOException e) {
      throw new UncheckedIOException(file.toString(), e);
    }
  }

  private static ObjectNode target(List<ObjectNode> resources, JsonNode patch, Path directory) {
    String kind = patch.path("kind").asText();
    String name = patch.path("metadata").path("name").asText();
    return resources.stream()
        .filter(
            r ->
                r.path("kind").asText().equals(kind)
                    && r.path("metadata").path("name").asText().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    directory + ": patch of " + kind + "/" + name + " matches no resource"));
  }

  static void merge(ObjectNode target, JsonNode patch) {
    for (Map.Entry<String, JsonNode> field : patch.properties()) {
      JsonNode current = target.get(field.getKey());
      JsonNode change = field.getValue();
      if (change.isNull()) {
        target.remove(field.getKey());
      } else if (current instanceof ObjectNode object && change.isObject()) {
        merge(object, change);
      } else if (current instanceof ArrayNode list
          && change.isArray()
          && named(list)
          && named(change)) {
        mergeByName(list, change);
      } else {
        target.set(field.getKey(), change.deepCopy());
      }
    }
  }

  private static boolean named(JsonNode list) {
    for (JsonNode item : list) {
      if (!item.isObject() || !item.has("name")) {
        return false;
      }
    }
    return true;
  }

  private static void mergeByName(ArrayNode list, JsonNode changes) {
    for (JsonNode change : changes) {
      JsonNode existing = null;
      for (JsonNode item : list) {
        if (item.get("name").equals(change.get("name"))) {
          existing = item;
        }
      }
      if (existing == null) {
        list.add(change.deepCopy());
      } else {
        merge((ObjectNode) existing, change);
      }
    }
  }

  private static void setImage(JsonNode node, JsonNode image) {
    if (node instanceof ObjectNode object
        && object.has("image")
        && object.has("name")
        && object.get("image").isTextual()) {
      Matcher reference = IMAGE.matcher(object.get("image").asText());
      if (reference.matches() && reference.group("name").equals(image.path("name").asText())) {
        String name = image.path("newName").asText(reference.group("name"));
        String tag = image.path("newTag").asText(reference.group("tag"));
        String digest = image.path("digest").asText(reference.group("digest"));
        object.put(
            "image", name + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest));
      }
    }
    node.forEach(child -> setImage(child, image));
  }
}
