package it.continuo.report;

import java.util.List;

/**
 * One reason, in words: a message key of the report's bundles ({@code finding.<code>}) and its
 * arguments. Arguments are kept typed (String, Number, {@link java.time.Duration}, {@link
 * java.time.Instant}) so that each language formats them its own way; the JSON carries the code and
 * the arguments as they are.
 *
 * @param level how bad
 * @param code the message key without its {@code finding.} prefix, e.g. {@code rpo-exceeded}
 * @param args the message's arguments, in order
 */
public record Finding(Rag level, String code, List<Object> args) {

  public Finding {
    args = List.copyOf(args);
  }

  public static Finding of(Rag level, String code, Object... args) {
    return new Finding(level, code, List.of(args));
  }
}
