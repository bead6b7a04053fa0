package it.continuo.history;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Another process using the same history: opens {@code args[0]}'s history, says "ready", then obeys
 * one command per line on standard input, answering each with a line ("ok …" or "failed: …"):
 * {@code event MESSAGE}, {@code burst N} (N events), {@code start JOB} (a running run), {@code
 * quit}.
 */
final class HistoryChild {
  private HistoryChild() {}

  /** {@code java -cp <this test's class path> it.continuo.history.HistoryChild DATADIR}. */
  static List<String> command(Path dataDir, String... jvmOptions) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx128m");
    command.addAll(List.of(jvmOptions));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(HistoryChild.class.getName());
    command.add(dataDir.toString());
    return command;
  }

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    History history;
    try {
      history = History.open(Path.of(args[0]));
    } catch (HistoryException e) {
      out.println("failed: " + e.getMessage());
      System.exit(3);
      return;
    }
    out.println("ready");
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line; (line = in.readLine()) != null; ) {
      String[] words = line.split(" ", 2);
      try {
        switch (words[0]) {
          case "event" -> {
            history.event(Instant.now(), "child", null, "info", words[1]);
            out.println("ok");
          }
          case "burst" -> {
            for (int i = 0; i < Integer.parseInt(words[1]); i++) {
              history.event(Instant.now(), "child", null, "info", "burst " + i);
            }
            out.println("ok");
          }
          case "start" -> {
            long id = history.runStarted(words[1], "schedule", "full", Instant.now(), null, null);
            out.println("ok " + id);
          }
          case "quit" -> {
            history.close();
            out.println("ok");
            return;
          }
          default -> out.println("failed: unknown command " + line);
        }
      } catch (HistoryException e) {
        out.println("failed: " + e.getMessage());
      }
    }
  }
}
