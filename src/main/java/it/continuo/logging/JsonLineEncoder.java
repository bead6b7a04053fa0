package it.continuo.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * One JSON object per event and line: {@code time} (ISO-8601, UTC), {@code level}, {@code logger},
 * {@code thread}, {@code message}, and {@code exception} (the stack trace as text) and {@code mdc}
 * when there are any. Not logback's own JsonEncoder: that one writes epoch milliseconds, repeats
 * the logger context's name, birth time and properties on every line, and spreads a stack trace
 * over nested arrays, which log shippers and {@code jq} read less easily than these six fields.
 */
final class JsonLineEncoder extends EncoderBase<ILoggingEvent> {
  private static final byte[] NONE = new byte[0];
  private final JsonFactory json = new JsonFactory();

  @Override
  public byte[] headerBytes() {
    return NONE;
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator line = json.createGenerator(out)) {
      line.writeStartObject();
      line.writeStringField("time", event.getInstant().toString());
      line.writeStringField("level", event.getLevel().toString());
      line.writeStringField("logger", event.getLoggerName());
      line.writeStringField("thread", event.getThreadName());
      line.writeStringField("message", event.getFormattedMessage());
      IThrowableProxy thrown = event.getThrowableProxy();
      if (thrown != null) {
        line.writeStringField("exception", ThrowableProxyUtil.asString(thrown));
      }
      Map<String, String> mdc = event.getMDCPropertyMap();
      if (mdc != null && !mdc.isEmpty()) {
        line.writeObjectFieldStart("mdc");
        for (Map.Entry<String, String> e : mdc.entrySet()) {
          line.writeStringField(e.getKey(), e.getValue());
        }
        line.writeEndObject();
      }
      line.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
    out.write('\n');
    return out.toByteArray();
  }

  @Override
  public byte[] footerBytes() {
    return NONE;
  }
}
