package jp.coordination.command.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Fingerprints a request so a retry with the same {@code id} can be told from a different request
 * reusing it: SHA-256 (hex) of canonical JSON holding the command kind, the path's aggregate id and
 * the request body as bound. Canonical means sorted keys and a mapper of its own, so the hash does
 * not change when the application's JSON settings do.
 */
@Component
public class RequestHasher {
  private final ObjectMapper canonical =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .build();

  /**
   * The request's hash.
   *
   * @param commandKind the command's name, so equal bodies sent to different endpoints differ
   * @param aggregateId the aggregate id from the path, {@code null} for a create command
   * @param request the request body as bound (with its {@code id} and {@code at} as given)
   */
  public String hash(String commandKind, String aggregateId, Object request) {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("command", commandKind);
    document.put("aggregateId", aggregateId);
    document.put("request", request);
    try {
      byte[] json = canonical.writeValueAsBytes(document);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Request cannot be written as JSON", e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
