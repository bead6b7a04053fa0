package it.continuo.report.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import it.continuo.report.Findings;
import it.continuo.report.RenderedReport;
import it.continuo.report.Report;
import it.continuo.report.SampleReports;
import java.io.IOException;
import java.util.Collections;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The report's words: both languages say everything, and the template asks for nothing missing. */
class ReportBundlesTest {
  static final ResourceBundle IT = Messages.load("it");
  static final ResourceBundle EN = Messages.load("en");

  /** A bundle key written out instead of its message. */
  static final String KEY =
      "\\b(format|duration|rag|summary|services|criticality|jobs|runs|level|outcome|trigger|checks"
          + "|trends|chart|sections?|subject|finding)\\.[a-zA-Z]";

  static Set<String> keys(ResourceBundle bundle) {
    return new TreeSet<>(Collections.list(bundle.getKeys()));
  }

  @Test
  @DisplayName("Italian and English have exactly the same keys")
  void sameKeys() {
    assertThat(keys(EN)).containsExactlyElementsOf(keys(IT));
  }

  @ParameterizedTest
  @ValueSource(strings = {"it", "en"})
  @DisplayName("no message is empty, and none has an ASCII apostrophe (a MessageFormat quote)")
  void noEmptyMessage(String language) {
    ResourceBundle bundle = Messages.load(language);
    for (String key : keys(bundle)) {
      assertThat(bundle.getString(key)).as(key).isNotBlank().doesNotContain("'");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"it", "en"})
  @DisplayName("every finding code has its message")
  void everyFinding(String language) {
    ResourceBundle bundle = Messages.load(language);
    for (String code : Findings.CODES) {
      assertThat(bundle.containsKey("finding." + code)).as("finding." + code).isTrue();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"it", "en"})
  @DisplayName("the template uses only keys the bundles have: every sample renders, no placeholder")
  void templateKeys(String language) throws IOException {
    ReportRenderer renderer = new ReportRenderer();
    for (Report sample : new Report[] {SampleReports.office(), SampleReports.big()}) {
      RenderedReport rendered = renderer.render(SampleReports.in(language, sample));
      for (String page : new String[] {rendered.html(), rendered.mailHtml()}) {
        assertThat(page).endsWith("</html>\n");
        String text = ReportRendererTest.text(page);
        assertThat(text).doesNotContain("???", "{0", "{1", "null");
        assertThat(text).doesNotContainPattern(KEY);
      }
    }
  }

  @Test
  @DisplayName("a missing key is an error, not a placeholder")
  void missingKey() {
    assertThatThrownBy(() -> Messages.forLanguage("it").get("no.such.key"))
        .isInstanceOf(MissingResourceException.class)
        .hasMessageContaining("no.such.key");
  }

  @Test
  @DisplayName("the bundles are read as UTF-8")
  void utf8() {
    assertThat(IT.getString("title")).isEqualTo("Rapporto di continuità operativa");
    assertThat(IT.getString("subject")).contains("—");
  }
}
