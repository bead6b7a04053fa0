package it.continuo.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of the {@link ControlSocket} protocol (and where its socket is): a JSON object of
 * strings, numbers, booleans, nulls and arrays of numbers. Written and read with Jackson's
 * streaming parser: the command that hands its run to the daemon starts in a cold JVM, where a full
 * object mapper costs a tenth of a second.
 */
final class ControlMessage {
  /** The socket's name in the agent's data directory. */
  static final String FILE = "control.sock";

  /** The protocol's version, in every request; another one is refused. */
  static final int VERSION = 1;

  private static final JsonFactory JSON = new JsonFactory();

  private final Map<String, Object> fields;

  private ControlMessage(Map<String, Object> fields) {
    this.fields = fields;
  }

  /** The daemon's socket for the agent whose data directory is {@code dataDir}. */
  static Path socket(Path dataDir) {
    return dataDir.resolve(FILE);
  }

  static ControlMessage of(String key, Object value) {
    return new ControlMessage(new LinkedHashMap<>()).with(key, value);
  }

  ControlMessage with(String key, Object value) {
    fields.put(key, value);
    return this;
  }

  boolean has(String key) {
    return fields.containsKey(key);
  }

  String text(String key) {
    Object v = fields.get(key);
    return v == null ? null : v.toString();
  }

  long number(String key) {
    Object v = fields.get(key);
    if (v instanceof Number n) {
      return n.longValue();
    }
    throw new IllegalArgumentException(key + " is not a number: " + v);
  }

  boolean flag(String key) {
    return Boolean.TRUE.equals(fields.get(key));
  }

  long[] numbers(String key) {
    if (fields.get(key) instanceof long[] a) {
      return a;
    }
    throw new IllegalArgumentException(key + " is not a list of numbers");
  }

  /** The message as one line, without its newline. */
  String line() throws IOException {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(w)) {
      g.writeStartObject();
      for (Map.Entry<String, Object> f : fields.entrySet()) {
        g.writeFieldName(f.getKey());
        Object v = f.getValue();
        if (v == null) {
          g.writeNull();
        } else if (v instanceof Boolean b) {
          g.writeBoolean(b);
        } else if (v instanceof Number n) {
          g.writeNumber(n.longValue());
        } else if (v instanceof long[] a) {
          g.writeArray(a, 0, a.length);
        } else {
          g.writeString(v.toString());
        }
      }
      g.writeEndObject();
    }
    return w.toString();
  }

  /** Writes the message and its newline to {@code channel}. */
  void writeTo(WritableByteChannel channel) throws IOException {
    ByteBuffer b = ByteBuffer.wrap((line() + "\n").getBytes(StandardCharsets.UTF_8));
    while (b.hasRemaining()) {
      channel.write(b);
    }
  }

  /** A reader of the lines that come on {@code channel}. */
  static BufferedReader reader(ReadableByteChannel channel) {
    return new BufferedReader(
        new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
  }

  /** The next message from {@code in}, or null at its end. */
  static ControlMessage read(BufferedReader in) throws IOException {
    String line = in.readLine();
    return line == null ? null : parse(line);
  }

  /** Reads a line written by {@link #line()}. */
  static ControlMessage parse(String line) throws IOException {
    Map<String, Object> fields = new LinkedHashMap<>();
    try (JsonParser p = JSON.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("not a control message: " + line);
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.getCurrentName();
        JsonToken t = p.nextToken();
        fields.put(key, value(p, t));
      }
    }
    return new ControlMessage(fields);
  }

  private static Object value(JsonParser p, JsonToken t) throws IOException {
    return switch (t) {
      case VALUE_NULL -> null;
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NUMBER_INT -> p.getLongValue();
      case VALUE_STRING -> p.getText();
      case START_ARRAY -> {
        long[] items = new long[4];
        int n = 0;
        while (p.nextToken() == JsonToken.VALUE_NUMBER_INT) {
          if (n == items.length) {
            items = java.util.Arrays.copyOf(items, 2 * n);
          }
          items[n++] = p.getLongValue();
        }
        yield java.util.Arrays.copyOf(items, n);
      }
      default -> throw new IOException("unexpected " + t + " in a control message");
    };
  }
}
