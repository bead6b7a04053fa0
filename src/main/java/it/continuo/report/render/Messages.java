package it.continuo.report.render;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.PropertyResourceBundle;
import java.util.ResourceBundle;

/**
 * The report's words in one language: {@code messages_<language>.properties} read as UTF-8 (not
 * ISO-8859-1, the default of {@code .properties}), every message a {@link MessageFormat} pattern
 * formatted in the language's locale. A missing key is an error, never a placeholder in the page:
 * the bundle test renders every sample report in both languages, so a key the template uses and a
 * bundle lacks fails the build.
 */
final class Messages {
  private final Locale locale;
  private final ResourceBundle bundle;

  private Messages(Locale locale, ResourceBundle bundle) {
    this.locale = locale;
    this.bundle = bundle;
  }

  /** The messages of {@code language}; Italian unless it is "en". */
  static Messages forLanguage(String language) {
    String chosen = "en".equals(language) ? "en" : "it";
    return new Messages(Locale.forLanguageTag(chosen), load(chosen));
  }

  static ResourceBundle load(String language) {
    String name = "messages_" + language + ".properties";
    try (InputStream in = Messages.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new MissingResourceException(name + " not on the class path", name, "");
      }
      return new PropertyResourceBundle(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
  }

  Locale locale() {
    return locale;
  }

  String language() {
    return locale.getLanguage();
  }

  boolean has(String key) {
    return bundle.containsKey(key);
  }

  /**
   * The message {@code key} with {@code args} (already formatted, or numbers for {@code choice}).
   *
   * @throws MissingResourceException when the bundle has no such key
   */
  String get(String key, Object... args) {
    return new MessageFormat(bundle.getString(key), locale).format(args);
  }

  /** The message {@code prefix.value}, or {@code value} itself when there is none. */
  String wordFor(String prefix, String value) {
    if (value == null) {
      return "";
    }
    String key = prefix + "." + value;
    return has(key) ? get(key) : value;
  }
}
