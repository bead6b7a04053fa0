package it.continuo.alert.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import it.continuo.alert.Alert;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON of an alert, the same for webhooks and commands. */
final class AlertJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private AlertJson() {}

  static Map<String, String> fields(Alert a) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("agent", a.agent());
    f.put("incident", a.incident());
    f.put("check", a.check());
    f.put("subject", a.subject());
    f.put("severity", a.severity().name());
    f.put("state", a.state().word());
    f.put("message", a.message());
    f.put("title", a.title());
    f.put("firstSeen", a.firstSeen().toString());
    f.put("at", a.at().toString());
    return f;
  }

  static String of(Alert a) {
    try {
      return MAPPER.writeValueAsString(fields(a));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
