package it.continuo.testing;

import it.continuo.report.RenderedReport;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Rendered reports as the renderer makes them, small: an XHTML page, the same page for a mail body
 * referencing one chart by {@code cid:chart-1}, that chart as a real PNG, a real one-page PDF and a
 * JSON, all saying which day they are of.
 */
public final class SampleReports {
  /** The chart's content id. */
  public static final String CHART = "chart-1";

  // One font for every PDF: PDFBox warns once for each it makes when Helvetica is not installed.
  private static final PDType1Font FONT = new PDType1Font(Standard14Fonts.FontName.HELVETICA);

  private SampleReports() {}

  /** The report of a day, with a subject in Italian: non-ASCII on purpose. */
  public static RenderedReport of(LocalDate date) {
    return of(date, "Continuità — rapporto del " + date + ": è tutto in ordine");
  }

  public static RenderedReport of(LocalDate date, String subject) {
    String page =
        "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><meta charset=\"utf-8\"/>"
            + "<title>"
            + subject
            + "</title></head><body><h1>Rapporto del "
            + date
            + "</h1><p>Perché è verde.</p>%s</body></html>\n";
    byte[] chart = png(date.getDayOfMonth());
    String inline = Base64.getEncoder().encodeToString(chart);
    return new RenderedReport(
        date,
        subject,
        page.formatted("<img src=\"data:image/png;base64," + inline + "\" alt=\"grafico\"/>"),
        page.formatted("<img src=\"cid:" + CHART + "\" alt=\"grafico\"/>"),
        Map.of(CHART, chart),
        pdf("Rapporto del " + date),
        ("{\"date\":\"" + date + "\",\"rag\":\"GREEN\"}").getBytes(StandardCharsets.UTF_8));
  }

  /** A 4×3 PNG, its colour set by {@code shade}, so that two charts differ. */
  public static byte[] png(int shade) {
    BufferedImage image = new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB);
    for (int x = 0; x < 4; x++) {
      for (int y = 0; y < 3; y++) {
        image.setRGB(x, y, new Color(shade * 8 % 256, 128, x * 60).getRGB());
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** A one-page PDF with a line of text. */
  public static byte[] pdf(String text) {
    try (PDDocument document = new PDDocument()) {
      PDPage page = new PDPage();
      document.addPage(page);
      try (PDPageContentStream content = new PDPageContentStream(document, page)) {
        content.beginText();
        content.setFont(FONT, 12);
        content.newLineAtOffset(72, 720);
        content.showText(text);
        content.endText();
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      document.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
