package it.continuo.report.drill;

import static org.assertj.core.api.Assertions.assertThat;

import it.continuo.report.render.DrillRenderer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The report of a failover run (verbale)")
class DrillRendererTest {
  static final DrillRenderer RENDERER = new DrillRenderer();
  static RenderedDrill italian;
  static RenderedDrill english;
  static RenderedDrill failed;

  @BeforeAll
  static void render() throws IOException {
    italian = RENDERER.render(SampleRuns.report(SampleRuns.goodDrill(), "it"));
    english = RENDERER.render(SampleRuns.report(SampleRuns.goodDrill(), "en"));
    failed = RENDERER.render(SampleRuns.report(SampleRuns.failedDrill(), "it"));
  }

  /** The page's text, tags dropped and spaces collapsed. */
  static String text(String html) {
    return html.replaceAll("(?s)<style.*?</style>", " ")
        .replaceAll("<[^>]+>", " ")
        .replace("&gt;", ">")
        .replace("&lt;", "<")
        .replace("&amp;", "&")
        .replaceAll("\\s+", " ");
  }

  @Nested
  @DisplayName("in Italian")
  class Italian {
    @Test
    @DisplayName("has the title with the service and the day, and who triggered it")
    void title() {
      assertThat(italian.html())
          .contains(
              "<title>Verbale della prova di disaster recovery — Gestionale Uno — 26/11/2026</title>");
      assertThat(italian.subject())
          .isEqualTo(
              "[Continuo] Verbale della prova di disaster recovery — Gestionale Uno — 26/11/2026:"
                  + " riuscita");
      assertThat(text(italian.html())).contains("Avviato da mrossi", "primario → secondario");
    }

    @Test
    @DisplayName("lists every step and undo with its start time, duration and outcome")
    void timeline() {
      String text = text(italian.html());
      assertThat(text)
          .contains(
              "1 09:00:00 1,2 s esecuzione replica (check-replica)",
              "2 09:00:02 5,0 s esecuzione fence (fence)",
              "3 09:00:07 2,3 s esecuzione start-uno (ssh)",
              "4 09:00:10 0,4 s esecuzione dns-uno (dns)",
              "5 09:00:11 8,0 s esecuzione verify-uno (verify)",
              "6 09:00:20 0,5 s annullamento dns-uno (dns)",
              "7 09:00:21 9,0 s annullamento start-uno (ssh)");
      assertThat(italian.html().split("<tr class=")).hasSize(8);
    }

    @Test
    @DisplayName("says RPO and RTO against the service's targets, in words")
    void verdicts() {
      String text = text(italian.html());
      assertThat(text)
          .contains("RPO 42 s 1 ora RISPETTATO dati persi al passaggio: 42 s, entro l’obiettivo")
          .contains(
              "RTO 19 s 4 ore RISPETTATO servizio ripristinato sul secondario in 19 s, entro"
                  + " l’obiettivo di 4 ore")
          .contains("Ritorno al primario riuscito")
          .contains("Nessun problema: ogni passo è riuscito.")
          .contains("La prossima prova di disaster recovery va fatta entro il 26/11/2027.");
      assertThat(text).doesNotContain("NON RISPETTATO", "???", "{0", " null ", "drill.");
    }

    @Test
    @DisplayName("a failed drill: red verdicts, the failed step with its error, what was undone")
    void failedDrill() {
      String text = text(failed.html());
      assertThat(text)
          .contains("RPO 2 ore 1 ora NON RISPETTATO dati persi al passaggio: 2 ore, oltre")
          .contains("RTO non misurato 4 ore NON RISPETTATO il servizio non è stato ripristinato")
          .contains(
              "Passo dns-uno (esecuzione): tempo scaduto. no answer from 10.0.0.1:53 within 60 s")
          .contains("i passi già eseguiti sono stati annullati in ordine inverso")
          .contains("start-uno: ok")
          .contains("un controllo di sicurezza è stato superato con --force")
          .contains("Non eseguito: la prova non è arrivata al passaggio.");
      assertThat(failed.subject()).endsWith(": fallita");
    }

    @Test
    @DisplayName("the PDF is an A4 PDF with the title, every step and the verdicts")
    void pdf() throws IOException {
      assertThat(new String(italian.pdf(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
      try (PDDocument pdf = Loader.loadPDF(italian.pdf())) {
        assertThat(pdf.getPage(0).getMediaBox().getWidth()).isBetween(593f, 597f);
        String text = new PDFTextStripper().getText(pdf).replaceAll("\\s+", " ");
        assertThat(text)
            .contains("Verbale della prova di disaster recovery — Gestionale Uno — 26/11/2026")
            .contains("RISPETTATO", "09:00:00", "09:00:21", "verify-uno", "annullamento")
            .contains("26/11/2027");
      }
    }
  }

  @Nested
  @DisplayName("in English")
  class English {
    @Test
    @DisplayName("the same report in English words and formats")
    void english() throws IOException {
      String text = text(english.html());
      assertThat(english.html())
          .contains("<title>Disaster recovery drill report — Gestionale Uno — 26 Nov 2026</title>");
      assertThat(text)
          .contains("Triggered by mrossi")
          .contains("1 09:00:00 1.2 s run replica (check-replica)")
          .contains("7 09:00:21 9.0 s undo start-uno (ssh)")
          .contains("RPO 42 s 1 hour MET data lost at cut-over: 42 s, within the target of 1 hour")
          .contains("RTO 19 s 4 hours MET service restored on the secondary in 19 s")
          .contains("Failback succeeded")
          .contains("The next disaster recovery drill is due by 26 Nov 2027.");
      assertThat(text).doesNotContain("NOT MET", "???", "{0", " null ", "drill.", "RISPETTATO");
      try (PDDocument pdf = Loader.loadPDF(english.pdf())) {
        assertThat(new PDFTextStripper().getText(pdf)).contains("Disaster recovery drill report");
      }
    }
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"it", "en"})
  @DisplayName("a failback and a refused execute render every word, with no RPO/RTO or next drill")
  void otherModes(String language) throws IOException {
    it.continuo.failover.FailoverRun good = SampleRuns.goodDrill();
    it.continuo.failover.FailoverRun failback =
        new it.continuo.failover.FailoverRun(
            9,
            "uno",
            good.service(),
            it.continuo.failover.Mode.FAILBACK,
            "mrossi",
            good.declared(),
            good.ended(),
            it.continuo.failover.FailoverRun.Outcome.SUCCEEDED,
            null,
            null,
            good.rpoTarget(),
            good.rtoTarget(),
            "secondario → primario",
            false,
            null,
            "back on primario",
            good.steps().subList(5, 7));
    it.continuo.failover.FailoverRun refused =
        new it.continuo.failover.FailoverRun(
            10,
            "uno",
            good.service(),
            it.continuo.failover.Mode.EXECUTE,
            "detection",
            good.declared(),
            good.declared(),
            it.continuo.failover.FailoverRun.Outcome.REFUSED,
            null,
            null,
            good.rpoTarget(),
            good.rtoTarget(),
            "primario → secondario",
            false,
            null,
            "another failover of uno runs (pid 4242)",
            java.util.List.of());
    for (it.continuo.failover.FailoverRun run : java.util.List.of(failback, refused)) {
      RenderedDrill r = RENDERER.render(SampleRuns.report(run, language));
      String text = text(r.html());
      assertThat(text).doesNotContain("???", "{0", " null ", "drill.");
      assertThat(r.html()).doesNotContain("id=\"rpo\"", "id=\"next\"");
      try (PDDocument pdf = Loader.loadPDF(r.pdf())) {
        assertThat(pdf.getNumberOfPages()).isPositive();
      }
    }
    assertThat(text(RENDERER.render(SampleRuns.report(refused, "it")).html()))
        .contains("Verbale del failover", "Esecuzione rifiutata prima di ogni passo: another")
        .contains("Avviato da detection");
  }
}
