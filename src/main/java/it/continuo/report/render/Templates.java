package it.continuo.report.render;

import freemarker.core.XHTMLOutputFormat;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The FreeMarker templates of this package (the nightly report, the failover run's report), set up
 * one way: XHTML output (escaped), UTF-8, any template error an exception rather than a page with a
 * message in it. Thread-safe.
 */
final class Templates {
  private final Configuration freemarker;

  Templates() {
    freemarker = new Configuration(Configuration.VERSION_2_3_34);
    freemarker.setClassForTemplateLoading(Templates.class, "");
    freemarker.setDefaultEncoding(StandardCharsets.UTF_8.name());
    freemarker.setOutputFormat(XHTMLOutputFormat.INSTANCE);
    freemarker.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    freemarker.setLogTemplateExceptions(false);
    freemarker.setWrapUncheckedExceptions(true);
    freemarker.setFallbackOnNullLoopVariable(false);
  }

  /**
   * The page {@code name} makes of {@code model}.
   *
   * @throws IOException when the template cannot be read or fails (a bug, not a user's mistake)
   */
  String process(String name, Map<String, Object> model) throws IOException {
    StringWriter out = new StringWriter();
    try {
      Template template = freemarker.getTemplate(name);
      template.process(model, out);
    } catch (TemplateException e) {
      throw new IOException("report template " + name + ": " + e.getMessage(), e);
    }
    return out.toString();
  }
}
