package it.continuo.report.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.fontbox.FontBoxFont;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.font.CIDFontMapping;
import org.apache.pdfbox.pdmodel.font.FontMapper;
import org.apache.pdfbox.pdmodel.font.FontMappers;
import org.apache.pdfbox.pdmodel.font.FontMapping;
import org.apache.pdfbox.pdmodel.font.PDCIDSystemInfo;
import org.apache.pdfbox.pdmodel.font.PDFontDescriptor;

/**
 * Stands DejaVu Sans in for every font PDFBox would look for on the system. openhtmltopdf sets up
 * the 14 standard PDF fonts before each layout, and PDFBox finds each a substitute by scanning the
 * system's fonts (a quarter to half a second, and a warning per font on the console); the page
 * never writes with them, as its CSS asks for the embedded DejaVu Sans, so one font serves them
 * all. Without DejaVu installed PDFBox keeps its own search.
 */
final class EmbeddedFonts implements FontMapper {
  private final Path file;
  private TrueTypeFont font;

  private EmbeddedFonts(Path file) {
    this.file = file;
  }

  /** Installs the stand-in once per JVM, when DejaVu Sans is there. */
  static void install(Path file) {
    if (Files.isReadable(file)) {
      FontMappers.set(new EmbeddedFonts(file));
    }
  }

  private synchronized TrueTypeFont font() {
    if (font == null) {
      try {
        font = new TTFParser().parse(new RandomAccessReadBufferedFile(file.toFile()));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the font " + file, e);
      }
    }
    return font;
  }

  @Override
  public FontMapping<TrueTypeFont> getTrueTypeFont(String name, PDFontDescriptor descriptor) {
    return new FontMapping<>(font(), false);
  }

  @Override
  public FontMapping<FontBoxFont> getFontBoxFont(String name, PDFontDescriptor descriptor) {
    return new FontMapping<>(font(), false);
  }

  @Override
  public CIDFontMapping getCIDFont(
      String name, PDFontDescriptor descriptor, PDCIDSystemInfo systemInfo) {
    return new CIDFontMapping(null, font(), false);
  }
}
