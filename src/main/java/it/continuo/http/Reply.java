package it.continuo.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A response, whole: the endpoint's answers are small, so each is built in memory and then sent
 * with its length.
 *
 * @param status the HTTP status code
 * @param contentType the {@code Content-Type}
 * @param body the body (not sent for HEAD)
 * @param headers further headers
 */
record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {
  static final String JSON = "application/json; charset=utf-8";

  /** JSON as {@code continuo status --json} prints it ({@link it.continuo.status.StatusJson}). */
  static final ObjectMapper MAPPER = it.continuo.status.StatusJson.MAPPER;

  static Reply json(int status, Object value) throws JsonProcessingException {
    return new Reply(status, JSON, MAPPER.writeValueAsBytes(value), Map.of());
  }

  /** {@code {"error": message}}. */
  static Reply error(int status, String message) {
    try {
      return json(status, Map.of("error", message));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of one string always serializes", e);
    }
  }

  static Reply text(int status, String contentType, String body) {
    return new Reply(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  Reply with(String header, String value) {
    Map<String, String> more = new java.util.LinkedHashMap<>(headers);
    more.put(header, value);
    return new Reply(status, contentType, body, Map.copyOf(more));
  }
}
