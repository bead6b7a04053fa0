package it.continuo.report.render;

import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.utility.DeepUnwrap;
import it.continuo.history.NightlyCheck;
import it.continuo.report.Finding;
import it.continuo.report.JobReport;
import it.continuo.report.Rag;
import it.continuo.report.Report;
import it.continuo.report.ServiceReport;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What the template may call: words ({@code t}, {@code word}, {@code state}, {@code finding}) and
 * formats ({@code date}, {@code bytes}, {@code dur} ...), so that every word on the page comes from
 * the bundles and every figure is written the language's way. The template gets text, never HTML:
 * FreeMarker escapes it.
 */
final class PageFunctions {
  private PageFunctions() {}

  static Map<String, TemplateMethodModelEx> of(Report report, Formats f) {
    Map<String, Fn> fns = common(f);
    fns.put("who", one(finding -> who(report, (Finding) finding)));
    fns.put("check", one2((job, target) -> check((JobReport) job, (String) target)));
    return wrapped(fns);
  }

  /** Words and formats, for any page of this package. */
  static Map<String, TemplateMethodModelEx> of(Formats f) {
    return wrapped(common(f));
  }

  private static Map<String, Fn> common(Formats f) {
    Messages m = f.messages();
    Map<String, Fn> fns = new LinkedHashMap<>();
    fns.put("t", args -> m.get((String) args.get(0), args.subList(1, args.size()).toArray()));
    fns.put("word", one2((prefix, value) -> m.wordFor((String) prefix, (String) value)));
    fns.put("state", one(rag -> f.state(Rag.valueOf(rag.toString()))));
    fns.put("finding", one(finding -> f.finding((Finding) finding)));
    fns.put("date", one(d -> f.date((LocalDate) d)));
    fns.put("dateTime", one(i -> f.dateTime((Instant) i)));
    fns.put("time", one(i -> f.time((Instant) i)));
    fns.put("num", one(n -> f.number(((Number) n).longValue())));
    fns.put("bytes", one(n -> f.bytes(((Number) n).longValue())));
    fns.put("rate", one(n -> f.rate(((Number) n).doubleValue())));
    fns.put("pct", one(n -> f.percent(((Number) n).doubleValue())));
    fns.put("dur", one(d -> f.duration((Duration) d)));
    fns.put("millis", one(n -> f.duration(Duration.ofMillis(((Number) n).longValue()))));
    fns.put("timeSeconds", one(i -> f.timeSeconds((Instant) i)));
    fns.put("seconds", one(d -> f.seconds((Duration) d)));
    return fns;
  }

  /** The service (or job) a summary finding is about, when its words do not say it. */
  static String who(Report report, Finding finding) {
    for (ServiceReport service : report.services()) {
      if (service.reasons().contains(finding)) {
        return service.name();
      }
    }
    return null;
  }

  /** The last nightly verification of a job on a target, or null when it was never checked. */
  static NightlyCheck check(JobReport job, String target) {
    for (NightlyCheck check : job.checks()) {
      if (check.target().equals(target)) {
        return check;
      }
    }
    return null;
  }

  private interface Fn {
    Object apply(List<Object> args) throws TemplateModelException;
  }

  private static Fn one(Function<Object, Object> body) {
    return args -> body.apply(args.get(0));
  }

  private static Fn one2(java.util.function.BiFunction<Object, Object, Object> body) {
    return args -> body.apply(args.get(0), args.get(1));
  }

  private static Map<String, TemplateMethodModelEx> wrapped(Map<String, Fn> fns) {
    Map<String, TemplateMethodModelEx> out = new LinkedHashMap<>();
    fns.forEach((name, fn) -> out.put(name, method(name, fn)));
    return out;
  }

  private static TemplateMethodModelEx method(String name, Fn fn) {
    return arguments -> {
      List<Object> args = new ArrayList<>();
      for (Object arg : arguments) {
        args.add(DeepUnwrap.unwrap((TemplateModel) arg));
      }
      try {
        return fn.apply(args);
      } catch (RuntimeException e) {
        throw new TemplateModelException(name + args + ": " + e, e);
      }
    };
  }
}
