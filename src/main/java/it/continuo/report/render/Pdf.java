package it.continuo.report.render;

import com.openhtmltopdf.extend.FSStream;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.util.XRLog;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * The page as an A4 PDF, by openhtmltopdf from the same XHTML. Charts are addressed {@code
 * chart:<id>} and fetched from {@code charts} when the layout reaches them, so that the PDF can be
 * laid out while the charts are still being drawn (the charts come last on the page); {@code data:}
 * images work as well. DejaVu Sans is embedded when installed (Debian's fonts-dejavu-core), so
 * accents and symbols print as they should; without it the PDF uses the built-in Helvetica, which
 * lacks some symbols.
 */
final class Pdf {
  /** Where Debian installs DejaVu Sans. */
  static final Path FONTS = Path.of("/usr/share/fonts/truetype/dejavu");

  /** The family the page's CSS asks for first. */
  static final String FAMILY = "DejaVu Sans";

  static {
    XRLog.setLoggingEnabled(false); // it logs every CSS property it does not know, at INFO
    EmbeddedFonts.install(FONTS.resolve("DejaVuSans.ttf"));
  }

  private Pdf() {}

  /** The scheme of the charts' addresses in the XHTML the PDF is made from. */
  static final String CHART_SCHEME = "chart";

  /**
   * The PDF of {@code xhtml}.
   *
   * @param charts a chart's PNG by its id, for {@code chart:<id>} addresses; may block until drawn
   */
  static byte[] render(String xhtml, Function<String, byte[]> charts) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PdfRendererBuilder builder = new PdfRendererBuilder();
    builder.useFastMode();
    builder.useDefaultPageSize(210, 297, BaseRendererBuilder.PageSizeUnits.MM);
    font(builder, "DejaVuSans.ttf", 400);
    font(builder, "DejaVuSans-Bold.ttf", 700);
    builder.useUriResolver((base, uri) -> uri); // absolute data: and chart: addresses only
    builder.useProtocolsStreamImplementation(
        url -> new ChartStream(charts.apply(url.substring(CHART_SCHEME.length() + 1))),
        CHART_SCHEME);
    builder.withHtmlContent(xhtml, null);
    builder.toStream(out);
    try {
      builder.run();
    } catch (RuntimeException e) {
      throw new IOException("cannot make the report's PDF: " + e.getMessage(), e);
    }
    return out.toByteArray();
  }

  private record ChartStream(byte[] png) implements FSStream {
    @Override
    public InputStream getStream() {
      return new ByteArrayInputStream(png);
    }

    @Override
    public Reader getReader() {
      throw new UnsupportedOperationException("a chart is an image");
    }
  }

  private static void font(PdfRendererBuilder builder, String file, int weight) {
    Path path = FONTS.resolve(file);
    if (Files.isReadable(path)) {
      builder.useFont(path.toFile(), FAMILY, weight, BaseRendererBuilder.FontStyle.NORMAL, true);
    }
  }
}
