package it.continuo.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.LayoutBase;

/**
 * Lines for journald's stdout stream: each line, stack trace lines included, starts with the
 * event's syslog priority, so a whole stack trace has the priority of its error.
 */
final class JournalLayout extends LayoutBase<ILoggingEvent> {
  private final PatternLayout lines = new PatternLayout();

  JournalLayout(String pattern) {
    lines.setPattern(pattern);
  }

  @Override
  public void start() {
    lines.setContext(getContext());
    lines.start();
    super.start();
  }

  @Override
  public void stop() {
    lines.stop();
    super.stop();
  }

  @Override
  public String doLayout(ILoggingEvent event) {
    String prefix = priority(event.getLevel());
    String text = lines.doLayout(event);
    StringBuilder out = new StringBuilder(text.length() + 8);
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      end = end < 0 ? text.length() : end + 1;
      out.append(prefix).append(text, start, end);
      start = end;
    }
    return out.toString();
  }

  /** The sd-daemon(3) prefix for a level. */
  static String priority(Level level) {
    if (level.isGreaterOrEqual(Level.ERROR)) {
      return "<3>";
    } else if (level.isGreaterOrEqual(Level.WARN)) {
      return "<4>";
    } else if (level.isGreaterOrEqual(Level.INFO)) {
      return "<6>";
    }
    return "<7>";
  }
}
