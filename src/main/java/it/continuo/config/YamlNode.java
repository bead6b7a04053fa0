package it.continuo.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A node of the YAML document together with its dotted path and line, so that every accessor can
 * fail with a message a sysadmin can act on.
 */
final class YamlNode {
  private static final Pattern REFERENCE = Pattern.compile("\\$\\{(env|file):([^}]*)\\}");

  private final Node node;
  private final String path;
  private final Environment env;

  /** The line of the key this node is the value of (its own line for list items and the root). */
  private final int keyLine;

  /** Where references are resolved from: the process environment, the file system. */
  interface Environment {
    String variable(String name);

    Path baseDir();
  }

  YamlNode(Node node, String path, Environment env) {
    this(node, path, env, node.getStartMark().getLine() + 1);
  }

  private YamlNode(Node node, String path, Environment env, int keyLine) {
    this.node = node;
    this.path = path;
    this.env = env;
    this.keyLine = keyLine;
  }

  String path() {
    return path;
  }

  int line() {
    return node.getStartMark().getLine() + 1;
  }

  ConfigException error(String message) {
    return new ConfigException(
        (path.isEmpty() ? "" : path + ": ") + message + " (line " + line() + ")");
  }

  private String child(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** The entries of a mapping, in file order; duplicate keys are an error. */
  Map<String, YamlNode> map() throws ConfigException {
    if (!(node instanceof MappingNode m)) {
      throw error("expected a mapping (key: value)");
    }
    Map<String, YamlNode> entries = new LinkedHashMap<>();
    for (NodeTuple t : m.getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode k)) {
        throw error("keys must be plain names");
      }
      String key = k.getValue();
      YamlNode value =
          new YamlNode(t.getValueNode(), child(key), env, k.getStartMark().getLine() + 1);
      if (entries.put(key, value) != null) {
        throw new YamlNode(k, child(key), env).error("duplicate key");
      }
    }
    return entries;
  }

  /** Like {@link #map()}, and every key must be one of {@code allowed}. */
  Map<String, YamlNode> map(Collection<String> allowed) throws ConfigException {
    Map<String, YamlNode> entries = map();
    for (Map.Entry<String, YamlNode> e : entries.entrySet()) {
      if (!allowed.contains(e.getKey())) {
        YamlNode n = e.getValue();
        throw new ConfigException(
            n.path
                + ": unknown key; expected one of: "
                + String.join(", ", allowed)
                + " (line "
                + n.keyLine
                + ")");
      }
    }
    return entries;
  }

  List<YamlNode> list() throws ConfigException {
    if (node instanceof ScalarNode s && s.getValue().isEmpty()) {
      return List.of();
    }
    if (!(node instanceof SequenceNode seq)) {
      throw error("expected a list");
    }
    List<YamlNode> items = new ArrayList<>();
    int i = 0;
    for (Node n : seq.getValue()) {
      items.add(new YamlNode(n, path + "[" + i++ + "]", env));
    }
    return items;
  }

  /** The items of a list; a single value is taken as a list of one. */
  List<YamlNode> items() throws ConfigException {
    return node instanceof ScalarNode && !isNull() ? List.of(this) : list();
  }

  /** A list of strings; a single string is taken as a list of one. */
  List<String> strings() throws ConfigException {
    if (node instanceof ScalarNode) {
      String s = string();
      return s.isEmpty() ? List.of() : List.of(s);
    }
    List<String> values = new ArrayList<>();
    for (YamlNode item : list()) {
      values.add(item.string());
    }
    return values;
  }

  /** Whether it is a single value (not a mapping or a list). */
  boolean isScalar() {
    return node instanceof ScalarNode;
  }

  /** Whether it is a list. */
  boolean isSequence() {
    return node instanceof SequenceNode;
  }

  boolean isNull() {
    return node instanceof ScalarNode s && "tag:yaml.org,2002:null".equals(s.getTag().getValue());
  }

  /** The scalar's text with references resolved. */
  String string() throws ConfigException {
    if (!(node instanceof ScalarNode s)) {
      throw error("expected a single value");
    }
    if (isNull()) {
      return "";
    }
    return resolve(s.getValue());
  }

  String nonEmptyString() throws ConfigException {
    String s = string();
    if (s.isBlank()) {
      throw error("must not be empty");
    }
    return s;
  }

  /** A value that must come from a reference, never written in the file. */
  Secret secret() throws ConfigException {
    if (!(node instanceof ScalarNode s)) {
      throw error("expected a reference such as ${env:NAME} or ${file:/path}");
    }
    String raw = s.getValue().trim();
    Matcher m = REFERENCE.matcher(raw);
    if (!m.matches()) {
      throw error("secrets must not be written in the file; use ${env:NAME} or ${file:/path}");
    }
    return new Secret(raw, resolve(raw));
  }

  private String resolve(String text) throws ConfigException {
    Matcher m = REFERENCE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = m.group(1).equals("env") ? env(m.group(2)) : file(m.group(2));
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  private String env(String name) throws ConfigException {
    String value = env.variable(name);
    if (value == null) {
      throw error("environment variable " + name + " is not set");
    }
    return value;
  }

  private String file(String name) throws ConfigException {
    Path file = env.baseDir().resolve(name);
    try {
      String content = Files.readString(file, StandardCharsets.UTF_8);
      return content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
    } catch (IOException e) {
      throw error("cannot read referenced file " + file + ": " + reason(e));
    }
  }

  static String reason(IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    return e.getMessage();
  }

  /** A path; a relative one is taken relative to the configuration file's directory. */
  Path path(boolean mustBeNonEmpty) throws ConfigException {
    String s = mustBeNonEmpty ? nonEmptyString() : string();
    try {
      return env.baseDir().resolve(s).normalize();
    } catch (java.nio.file.InvalidPathException e) {
      throw error("not a valid path: " + e.getReason());
    }
  }

  int integer(int min, int max) throws ConfigException {
    String s = nonEmptyString();
    try {
      int v = Integer.parseInt(s.trim());
      if (v < min || v > max) {
        throw error("must be between " + min + " and " + max);
      }
      return v;
    } catch (NumberFormatException e) {
      throw error("expected a whole number, not \"" + s + "\"");
    }
  }

  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d|w)");

  /** Durations such as 30s, 10m, 1h30m, 2d. */
  Duration duration() throws ConfigException {
    String s = nonEmptyString().trim();
    Matcher m = DURATION.matcher(s);
    Duration total = Duration.ZERO;
    int end = 0;
    while (m.find() && m.start() == end) {
      long n = Long.parseLong(m.group(1));
      total =
          total.plus(
              switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
              });
      end = m.end();
    }
    if (end != s.length() || end == 0) {
      throw error("expected a duration such as 30s, 10m, 1h30m or 2d, not \"" + s + "\"");
    }
    return total;
  }

  private static final Pattern SIZE =
      Pattern.compile("(\\d+)\\s*([KMGT]i?B|B)?", Pattern.CASE_INSENSITIVE);

  /** Byte sizes such as 16MiB, 8MB (both binary), 5GiB. */
  long size() throws ConfigException {
    String s = nonEmptyString().trim();
    Matcher m = SIZE.matcher(s);
    if (!m.matches()) {
      throw error("expected a size such as 16MiB, not \"" + s + "\"");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "B" : m.group(2).toUpperCase(java.util.Locale.ROOT);
    int shift =
        switch (unit.charAt(0)) {
          case 'K' -> 10;
          case 'M' -> 20;
          case 'G' -> 30;
          case 'T' -> 40;
          default -> 0;
        };
    return n << shift;
  }

  private static final Pattern RATE =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kKmMgG]?)(bit|b|B)(?:/s|ps)?");

  /** Bandwidths in bits per second: 2Mbit, 500kbit, 8Mbit/s, or bytes: 1MB/s. */
  long bandwidth() throws ConfigException {
    String s = nonEmptyString().trim();
    Matcher m = RATE.matcher(s);
    if (!m.matches()) {
      throw error("expected a bandwidth such as 2Mbit or 500kbit, not \"" + s + "\"");
    }
    double v = Double.parseDouble(m.group(1));
    double scale =
        switch (m.group(2).toLowerCase(java.util.Locale.ROOT)) {
          case "k" -> 1e3;
          case "m" -> 1e6;
          case "g" -> 1e9;
          default -> 1;
        };
    double bits = v * scale * (m.group(3).equals("B") ? 8 : 1);
    if (bits < 8000) {
      throw error("bandwidth below 8kbit is not usable");
    }
    return (long) bits;
  }

  boolean bool() throws ConfigException {
    String s = nonEmptyString().trim();
    return switch (s) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> throw error("expected true or false, not \"" + s + "\"");
    };
  }

  /** Optional child of a mapping, parsed by {@code parse} when present and not null. */
  static <T> Optional<T> optional(Map<String, YamlNode> map, String key, Parser<T> parse)
      throws ConfigException {
    YamlNode n = map.get(key);
    if (n == null || n.isNull()) {
      return Optional.empty();
    }
    return Optional.of(parse.apply(n));
  }

  /** Required child of a mapping. */
  YamlNode require(Map<String, YamlNode> map, String key) throws ConfigException {
    YamlNode n = map.get(key);
    if (n == null || n.isNull()) {
      throw new ConfigException(child(key) + ": required (line " + line() + ")");
    }
    return n;
  }

  /** A parse step that may fail with a configuration error. */
  @FunctionalInterface
  interface Parser<T> {
    T apply(YamlNode node) throws ConfigException;
  }
}
