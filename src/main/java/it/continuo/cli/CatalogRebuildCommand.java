package it.continuo.cli;

import it.continuo.config.Config;
import it.continuo.history.CatalogRebuild;
import it.continuo.history.CatalogRebuild.TargetReport;
import it.continuo.history.History;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code continuo catalog rebuild}: fill the history from what the targets hold. */
@Command(
    name = "rebuild",
    mixinStandardHelpOptions = true,
    description = {
      "Add to the history every run and verification found on the targets of every job that",
      "the history lacks (after the history was lost, or on a new machine). Running it again adds",
      "nothing. Exit 1 when a target could not be read (the others are still read)."
    })
final class CatalogRebuildCommand implements Callable<Integer> {
  @ParentCommand CatalogCommand parent;

  @picocli.CommandLine.Mixin KeyOptions keys = new KeyOptions();

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Config config = parent.root.loadConfig();
    List<TargetReport> reports;
    try (History history = History.open(config.agent().dataDir())) {
      reports = new CatalogRebuild(config, history, keys.key, keys.passphrase()).rebuild();
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int added = 0;
    int unreachable = 0;
    for (TargetReport r : reports) {
      String where = r.job() + " on " + r.target();
      if (!r.reached()) {
        unreachable++;
        err.println("continuo: " + where + ": NOT READ: " + r.error());
        continue;
      }
      added += r.runsAdded();
      out.println(line(where, r));
    }
    out.println(
        "history: "
            + added
            + (added == 1 ? " run" : " runs")
            + " added"
            + (unreachable == 0
                ? ""
                : "; " + unreachable + (unreachable == 1 ? " target" : " targets") + " not read"));
    return unreachable == 0 ? ExitCodes.OK : ExitCodes.FAILED;
  }

  private static String line(String where, TargetReport r) {
    StringBuilder b =
        new StringBuilder(where)
            .append(": ")
            .append(r.runs())
            .append(" runs, ")
            .append(r.runsAdded())
            .append(" added");
    if (r.targetsAdded() > 0) {
      b.append(", ").append(r.targetsAdded()).append(" known runs now also stored here");
    }
    if (r.verificationsAdded() > 0) {
      b.append(", ").append(r.verificationsAdded()).append(" verifications added");
    }
    if (r.sealed() > 0) {
      b.append(", ").append(r.sealed()).append(" encrypted (level and start only: use --key)");
    }
    if (r.damaged() > 0) {
      b.append(", ").append(r.damaged()).append(" with an unreadable manifest, not added");
    }
    return b.toString();
  }
}
