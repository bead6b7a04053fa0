package it.continuo.report.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import it.continuo.report.Rag;
import it.continuo.report.RenderedReport;
import it.continuo.report.Report;
import it.continuo.report.SampleReports;
import it.continuo.report.Summary;
import it.continuo.status.StatusJson;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ReportRendererTest {
  static final ReportRenderer RENDERER = new ReportRenderer();
  static RenderedReport italian;
  static RenderedReport english;

  @BeforeAll
  static void render() throws IOException {
    italian = RENDERER.render(SampleReports.office());
    english = RENDERER.render(SampleReports.in("en", SampleReports.office()));
  }

  @Nested
  @DisplayName("the page in Italian")
  class InItalian {
    @Test
    @DisplayName("opens with the overall state in words and the counts")
    void summary() {
      assertThat(text(italian.html()))
          .contains("CRITICO Almeno un servizio oggi non è ripristinabile come promesso dal piano.")
          .contains("3 servizi nel piano")
          .contains("1 servizi fuori RPO")
          .contains("2 archivi danneggiati");
      assertThat(italian.html().indexOf("id=\"summary\""))
          .isLessThan(italian.html().indexOf("id=\"services\""));
    }

    @Test
    @DisplayName("says which service is at risk and why, in words with Italian formats")
    void atRisk() {
      assertThat(text(italian.html()))
          .contains(
              "Gestionale Uno: RPO raggiunto 1 giorno 9 ore, oltre l’RPO promesso di 1 giorno")
          .contains("Posta elettronica: nessun ripristino di prova ha ancora misurato")
          .contains(
              "job uno-nas, destinazione nas: la verifica notturna ha trovato 2 archivi danneggiati;"
                  + " primo problema: "
                  + SampleReports.DAMAGE_LINE)
          .contains("negli ultimi 30 giorni è stato riletto solo il 62% di quanto conserva");
    }

    @Test
    @DisplayName("writes dates, sizes and durations the Italian way, in the agent's zone")
    void formats() {
      assertThat(text(italian.html()))
          .contains("24/11/2026 22:00") // Tuesday night's run, 21:00 UTC
          .contains("23/11/2026 22:00") // Uno's verified point
          .contains("48.211") // files
          .contains("1,2 GB") // archive bytes
          .contains("3,4 GB") // bytes read
          .contains("42 min") // the run's duration
          .contains("2 ore 10 min") // a forecast
          .contains("Tier 4")
          .contains("alta");
    }

    @Test
    @DisplayName("shows the night's runs with their warnings and the nightly verification")
    void jobsAndChecks() {
      assertThat(text(italian.html()))
          .contains("incrementale")
          .contains("riuscito")
          .contains("recupero di un’esecuzione persa")
          .contains("1 file illeggibile")
          .contains("2 file modificati durante la lettura")
          .contains("unreadable: /srv/uno/tmp/lock.db: Permission denied")
          .contains("manifest footer missing")
          .contains("200 file, 512,0 MB in 6 s (85,5 MB/s)")
          .contains("degli ultimi 30 giorni");
    }

    @Test
    @DisplayName("keeps every section, saying when one is not configured")
    void sections() {
      assertThat(text(italian.html()))
          .contains("Stato di server e gruppo di continuità NON CONFIGURATO")
          .contains(
              "Non configurato: questa parte (il controllo di dischi, RAID e gruppo di continuità)")
          .contains("Replica sul server secondario OK")
          .contains(
              "Non configurato: questa parte (la registrazione delle prove di disaster recovery)");
    }

    @Test
    @DisplayName("is self-contained: no address but data: images")
    void selfContained() {
      assertThat(italian.html().replace("xmlns=\"http://www.w3.org/1999/xhtml\"", ""))
          .doesNotContain("http://", "https://", "<script", "<link", "url(");
      assertThat(attributes(italian.html(), "src"))
          .isNotEmpty()
          .allMatch(src -> src.startsWith("data:image/png;base64,"));
      assertThat(attributes(italian.html(), "href")).isEmpty();
    }
  }

  @Test
  @DisplayName("in English the same facts in English words and formats")
  void inEnglish() {
    assertThat(text(english.html()))
        .contains("CRITICAL At least one service cannot be restored today")
        .contains("Gestionale Uno: achieved RPO 1 day 9 hours, over the promised RPO of 1 day")
        .contains("24 Nov 2026 22:00")
        .contains("48,211")
        .contains("1.2 GB")
        .contains("2 hours 10 min")
        .contains("Not configured: this part (the check of disks, RAID and UPS)")
        .doesNotContain("CRITICO", "giorni");
    assertThat(english.html()).contains("lang=\"en\"");
  }

  @Test
  @DisplayName("the mail body references every chart by cid: and carries each as a PNG")
  void mail() throws IOException {
    List<String> sources = attributes(italian.mailHtml(), "src");
    assertThat(sources).isNotEmpty().allMatch(src -> src.startsWith("cid:"));
    assertThat(sources.stream().map(src -> src.substring(4)))
        .containsExactlyInAnyOrderElementsOf(italian.images().keySet());
    assertThat(italian.images()).hasSize(2 + 3); // two job charts, one per service
    for (byte[] png : italian.images().values()) {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
      assertThat(image).isNotNull();
      assertThat(image.getWidth()).isGreaterThan(100);
    }
    assertThat(italian.mailHtml()).doesNotContain("data:");
  }

  @Test
  @DisplayName("the PDF is a PDF whose text holds the summary")
  void pdf() throws IOException {
    assertThat(new String(italian.pdf(), 0, 5, java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("%PDF-");
    try (PDDocument pdf = Loader.loadPDF(italian.pdf())) {
      assertThat(pdf.getNumberOfPages()).isGreaterThanOrEqualTo(2);
      assertThat(pdf.getPage(0).getMediaBox().getWidth()).isCloseTo(595f, within(2f));
      String text = new PDFTextStripper().getText(pdf).replaceAll("\\s+", " ");
      assertThat(text)
          .contains("Rapporto di continuità operativa")
          .contains("CRITICO")
          .contains("Gestionale Uno")
          .contains("Cosa richiede un intervento")
          .contains("Non configurato");
    }
  }

  @Test
  @DisplayName("the JSON is the report, language-neutral, with its format and version")
  void json() throws IOException {
    JsonNode json = StatusJson.MAPPER.readTree(italian.json());
    assertThat(json.get("format").asText()).isEqualTo("continuo-report");
    assertThat(json.get("version").asInt()).isEqualTo(1);
    assertThat(json.get("date").asText()).isEqualTo("2026-11-25");
    assertThat(json.get("generated").asText()).isEqualTo("2026-11-25T06:30:00Z");
    assertThat(json.get("zone").asText()).isEqualTo("Europe/Rome");
    assertThat(json.at("/summary/overall").asText()).isEqualTo("RED");
    assertThat(json.at("/summary/attention/0/code").asText()).isEqualTo("damage-found");
    assertThat(json.at("/summary/attention/0/args/2").asInt()).isEqualTo(2);
    assertThat(json.at("/services/0/rpo").asText()).isEqualTo("PT24H");
    assertThat(json.at("/services/0/reasons/0/args/0").asText()).isEqualTo("PT33H30M");
    assertThat(json.at("/jobs/0/checks/0/damagedRuns").asInt()).isEqualTo(2);
    assertThat(json.at("/sections/0/configured").asBoolean()).isFalse();
    assertThat(new String(english.json(), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo(
            new String(italian.json(), java.nio.charset.StandardCharsets.UTF_8)
                .replace("\"language\" : \"it\"", "\"language\" : \"en\""));
  }

  @Nested
  @DisplayName("the subject line")
  class SubjectLine {
    Report office = SampleReports.office();

    String subject(
        String language, Rag overall, int services, int outOfRpo, int damaged, int notRun)
        throws IOException {
      Summary summary =
          new Summary(
              overall, services, 0, 0, outOfRpo, damaged, notRun, office.summary().attention());
      Report report = SampleReports.in(language, SampleReports.withSummary(office, summary));
      return Subject.of(report, new Formats(Messages.forLanguage(language), report.zone()));
    }

    @Test
    @DisplayName("names damage first, then services out of RPO")
    void critical() throws IOException {
      assertThat(italian.subject())
          .isEqualTo(
              "[Continuo] CRITICO: danni in 2 archivi, 1 servizio fuori RPO — ufficio — 25/11/2026");
      assertThat(english.subject())
          .isEqualTo(
              "[Continuo] CRITICAL: damage in 2 archives, 1 service out of RPO — ufficio — 25 Nov 2026");
    }

    @Test
    @DisplayName("counts in the singular and the plural")
    void plurals() throws IOException {
      assertThat(subject("it", Rag.AMBER, 3, 1, 0, 0))
          .isEqualTo("[Continuo] ATTENZIONE: 1 servizio fuori RPO — ufficio — 25/11/2026");
      assertThat(subject("en", Rag.AMBER, 3, 1, 0, 0))
          .isEqualTo("[Continuo] WARNING: 1 service out of RPO — ufficio — 25 Nov 2026");
      assertThat(subject("it", Rag.RED, 3, 2, 1, 1))
          .isEqualTo(
              "[Continuo] CRITICO: danni in 1 archivio, 2 servizi fuori RPO, 1 job non eseguito"
                  + " — ufficio — 25/11/2026");
      assertThat(subject("en", Rag.RED, 3, 2, 1, 3))
          .isEqualTo(
              "[Continuo] CRITICAL: damage in 1 archive, 2 services out of RPO, 3 jobs not run"
                  + " — ufficio — 25 Nov 2026");
    }

    @Test
    @DisplayName("says all is well with the number of services")
    void allWell() throws IOException {
      assertThat(subject("it", Rag.GREEN, 5, 0, 0, 0))
          .isEqualTo("[Continuo] OK: 5 servizi nei tempi — ufficio — 25/11/2026");
      assertThat(subject("en", Rag.GREEN, 1, 0, 0, 0))
          .isEqualTo("[Continuo] OK: 1 service on time — ufficio — 25 Nov 2026");
    }

    @Test
    @DisplayName("counts what to check when only warnings remain")
    void warnings() throws IOException {
      assertThat(subject("it", Rag.AMBER, 3, 0, 0, 0))
          .isEqualTo("[Continuo] ATTENZIONE: 4 punti da controllare — ufficio — 25/11/2026");
      assertThat(subject("en", Rag.AMBER, 3, 0, 0, 0))
          .isEqualTo("[Continuo] WARNING: 4 items to check — ufficio — 25 Nov 2026");
    }
  }

  /** The page's text without its tags, spaces collapsed, entities of the XHTML undone. */
  static String text(String html) {
    String body = html.substring(html.indexOf("<body"));
    return body.replaceAll("</?(span|strong)[^>]*>", "")
        .replaceAll("<[^>]+>", " ")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
        .replaceAll("\\s+", " ");
  }

  static List<String> attributes(String html, String name) {
    Matcher m = Pattern.compile("\\s" + name + "=\"([^\"]*)\"").matcher(html);
    List<String> values = new java.util.ArrayList<>();
    while (m.find()) {
      values.add(m.group(1));
    }
    return values;
  }

  static org.assertj.core.data.Offset<Float> within(float offset) {
    return org.assertj.core.data.Offset.offset(offset);
  }
}
