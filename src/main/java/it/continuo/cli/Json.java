package it.continuo.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/** JSON output of commands: ISO times, durations in ISO 8601, nulls left out. */
final class Json {
  static final ObjectMapper MAPPER = it.continuo.status.StatusJson.MAPPER;

  private Json() {}

  static void print(PrintWriter out, Object value) {
    try {
      out.println(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One compact line, for JSON Lines output. */
  static void line(PrintWriter out, Object value) {
    try {
      out.println(MAPPER.writeValueAsString(value));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
