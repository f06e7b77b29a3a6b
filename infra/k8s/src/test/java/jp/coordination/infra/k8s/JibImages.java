package jp.coordination.infra.k8s;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The image Jib builds for a service and the ports it exposes, read from the root pom and the
 * service's pom.
 */
record JibImages(String image, int port, int managementPort) {
  private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

  static JibImages of(Path repository, String service) {
    Document root = parse(repository.resolve("pom.xml"));
    Document module = parse(repository.resolve(service).resolve("pom.xml"));
    Map<String, String> properties = new HashMap<>();
    properties.putAll(properties(root));
    properties.putAll(properties(module));
    properties.put("project.version", child(root.getDocumentElement(), "version"));
    properties.put("project.artifactId", child(module.getDocumentElement(), "artifactId"));

    Element jib = jibPlugin(root);
    Element to = (Element) jib.getElementsByTagName("to").item(0);
    String image = resolve(child(to, "image"), properties);
    return new JibImages(
        image,
        Integer.parseInt(resolve("${image.port}", properties)),
        Integer.parseInt(resolve("${image.management-port}", properties)));
  }

  /**
   * The jib-maven-plugin of the root pom's pluginManagement, where both services' image is
   * configured.
   */
  private static Element jibPlugin(Document root) {
    NodeList plugins = root.getElementsByTagName("plugin");
    for (int i = 0; i < plugins.getLength(); i++) {
      Element plugin = (Element) plugins.item(i);
      if ("jib-maven-plugin".equals(child(plugin, "artifactId"))) {
        return plugin;
      }
    }
    throw new IllegalStateException("no jib-maven-plugin in the root pom");
  }

  private static Map<String, String> properties(Document pom) {
    Map<String, String> properties = new HashMap<>();
    NodeList sections = pom.getDocumentElement().getChildNodes();
    for (int i = 0; i < sections.getLength(); i++) {
      if (sections.item(i) instanceof Element section
          && section.getTagName().equals("properties")) {
        NodeList entries = section.getChildNodes();
        for (int j = 0; j < entries.getLength(); j++) {
          if (entries.item(j) instanceof Element entry) {
            properties.put(entry.getTagName(), entry.getTextContent().trim());
          }
        }
      }
    }
    return properties;
  }

  private static String resolve(String text, Map<String, String> properties) {
    Matcher property = PROPERTY.matcher(text);
    StringBuilder resolved = new StringBuilder();
    while (property.find()) {
      String value = properties.get(property.group(1));
      if (value == null) {
        throw new IllegalStateException("undefined property " + property.group(1) + " in " + text);
      }
      property.appendReplacement(resolved, Matcher.quoteReplacement(resolve(value, properties)));
    }
    return property.appendTail(resolved).toString();
  }

  private static String child(Element parent, String name) {
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element && element.getTagName().equals(name)) {
        return element.getTextContent().trim();
      }
    }
    throw new IllegalStateException("no <" + name + "> in <" + parent.getTagName() + ">");
  }

  private static Document parse(Path pom) {
    try {
      return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
    } catch (Exception e) {
      throw new IllegalStateException(pom.toString(), e);
    }
  }
}
