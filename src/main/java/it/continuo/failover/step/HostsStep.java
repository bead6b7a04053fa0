package it.continuo.failover.step;

import com.jcraft.jsch.SftpATTRS;
import it.continuo.config.HostConfig;
import it.continuo.config.StepConfig;
import it.continuo.failover.Change;
import it.continuo.failover.Step;
import it.continuo.failover.StepContext;
import it.continuo.failover.StepException;
import it.continuo.failover.StepOutcome;
import it.continuo.ssh.SshException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code hosts}: on each client, over SFTP, replaces the primary's address by the secondary's in
 * each file (a hosts file, an {@code .rdp} file, an application's configuration), as whole tokens
 * (see {@link AddressSwap}; encodings in {@link TextCodec}).
 *
 * <p>Changes: each file that holds the primary's address is rewritten atomically with the same mode
 * and owner, after its original is kept beside it as {@code FILE.continuo-RUNBOOK.bak}, written
 * only when absent so that a second run never overwrites the original. Every file of every client
 * is read and checked first; a client that cannot be reached, or a file that lacks the primary's
 * address without holding the secondary's already (the re-run case), fails the step before anything
 * is written. A failure while writing leaves the files written so far; the undo restores them.
 *
 * <p>Undo: for each file with a backup: when the file is exactly what the run made of the backup,
 * the backup's bytes are put back; when someone changed it since, only the lines that, with the
 * primary's address put back, equal a line of the backup are reverted, and the others are kept (the
 * report says how many); then the backup is deleted. A file without a backup was not changed by the
 * run, and is left alone.
 *
 * <p>Plan reads: every file, and lists per client and file the lines that would change.
 */
final class HostsStep implements Step {
  private final StepConfig.Hosts config;
  private final boolean undoable;
  private final AddressSwap swap;

  HostsStep(StepConfig config) {
    this((StepConfig.Hosts) config.action(), config.undoImplied());
  }

  HostsStep(StepConfig.Hosts config, boolean undoable) {
    this.config = config;
    this.undoable = undoable;
    this.swap = new AddressSwap(config.from(), config.to());
  }

  @Override
  public String kind() {
    return "hosts";
  }

  @Override
  public String describe() {
    return "hosts "
        + AddressText.of(config.from())
        + " → "
        + AddressText.of(config.to())
        + " in "
        + String.join(", ", config.files())
        + " on "
        + String.join(", ", config.clients().stream().map(HostConfig::name).toList());
  }

  @Override
  public String describeUndo() {
    return "hosts "
        + AddressText.of(config.to())
        + " → "
        + AddressText.of(config.from())
        + " from the backups on "
        + String.join(", ", config.clients().stream().map(HostConfig::name).toList());
  }

  /** What a file holds now. */
  enum State {
    /** The primary's address: to be changed. */
    CHANGE,
    /** Only the secondary's: changed by an earlier run (or by hand). */
    DONE,
    /** Neither. */
    LACKS
  }

  /** One file on one client, as read. */
  record Look(
      HostConfig client,
      String file,
      byte[] bytes,
      TextCodec.Decoded content,
      SftpATTRS attrs,
      State state) {
    String where() {
      return client.name() + ":" + file;
    }
  }

  private String backup(StepContext context, String file) {
    return RemoteFiles.sftpPath(file) + ".continuo-" + context.runbook().name() + ".bak";
  }

  /** What a file holding {@code text} needs: the swap, nothing, or it lacks both addresses. */
  private State state(String text) {
    return AddressSwap.holds(text, config.from())
        ? State.CHANGE
        : AddressSwap.holds(text, config.to()) ? State.DONE : State.LACKS;
  }

  /** Reads every file of one client; a file it cannot read or decode goes to {@code problems}. */
  private List<Look> look(HostConfig client, RemoteFiles files, List<String> problems)
      throws IOException {
    List<Look> looks = new ArrayList<>();
    for (String file : config.files()) {
      String path = RemoteFiles.sftpPath(file);
      String where = "client " + client.name() + " (" + client.address() + "): " + file;
      if (file.indexOf('*') >= 0 || file.indexOf('?') >= 0) {
        // JSch reads * and ? in SFTP paths as wildcards: refuse rather than touch other files
        problems.add(where + ": a name with * or ? cannot be rewritten over SFTP");
        continue;
      }
      try {
        byte[] bytes = files.read(path);
        TextCodec.Decoded content = TextCodec.decode(bytes);
        State state = state(content.text());
        if (state == State.LACKS) {
          problems.add(where + " lacks the primary's address " + AddressText.of(config.from()));
        }
        looks.add(new Look(client, file, bytes, content, files.stat(path), state));
      } catch (TextCodec.Unsupported e) {
        problems.add(where + " " + e.getMessage());
      } catch (SshException e) {
        throw e;
      } catch (IOException e) {
        problems.add("client " + client.name() + " (" + client.address() + "): " + e.getMessage());
      }
    }
    return looks;
  }

  @Override
  public List<Change> plan(StepContext context) throws InterruptedException {
    List<Change> changes = new ArrayList<>();
    for (HostConfig client : config.clients()) {
      List<String> problems = new ArrayList<>();
      List<Look> looks;
      try (RemoteFiles files = new RemoteFiles(context.ssh(client).sftp())) {
        looks = look(client, files, problems);
      } catch (IOException e) {
        context.forget(client);
        changes.add(Change.refusal("client " + client.name() + ": " + e.getMessage()));
        continue;
      }
      problems.forEach(p -> changes.add(Change.refusal(p)));
      for (Look l : looks) {
        switch (l.state()) {
          case CHANGE -> {
            for (AddressSwap.LineChange c : swap.changes(l.content().text())) {
              changes.add(
                  Change.change(
                      l.where()
                          + " line "
                          + c.number()
                          + ": `"
                          + c.before()
                          + "` → `"
                          + c.after()
                          + "`"));
            }
            changes.add(Change.note(l.where() + ": original kept in " + backup(context, l.file())));
          }
          case DONE ->
              changes.add(Change.note(l.where() + " already holds " + AddressText.of(config.to())));
          case LACKS -> {}
        }
      }
    }
    return changes;
  }

  @Override
  public StepOutcome run(StepContext context) throws StepException, InterruptedException {
    Map<HostConfig, List<Look>> byClient = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    boolean allTransient = true;
    for (HostConfig client : config.clients()) {
      try (RemoteFiles files = new RemoteFiles(context.ssh(client).sftp())) {
        int before = problems.size();
        byClient.put(client, look(client, files, problems));
        allTransient &= problems.size() == before;
      } catch (IOException e) {
        context.forget(client);
        problems.add("client " + client.name() + ": " + e.getMessage());
        allTransient &= e instanceof SshException s && s.isTransient();
      }
    }
    if (!problems.isEmpty()) {
      throw new StepException(
          "hosts: nothing changed: " + String.join("; ", problems), allTransient);
    }
    List<String> lines = new ArrayList<>();
    List<String> done = new ArrayList<>();
    for (Map.Entry<HostConfig, List<Look>> e : byClient.entrySet()) {
      HostConfig client = e.getKey();
      try (RemoteFiles files = new RemoteFiles(context.ssh(client).sftp())) {
        for (Look l : e.getValue()) {
          if (Thread.interrupted()) {
            throw new InterruptedException("hosts interrupted after " + done);
          }
          lines.add(change(context, files, l));
          if (l.state() == State.CHANGE) {
            done.add(l.where());
          }
          context.log("hosts: " + lines.get(lines.size() - 1));
        }
      } catch (IOException x) {
        context.forget(client);
        throw new StepException(
            "hosts: "
                + (done.isEmpty() ? "nothing changed" : "changed " + String.join(", ", done))
                + "; failed on client "
                + client.name()
                + ": "
                + x.getMessage()
                + (done.isEmpty() ? "" : " (the undo restores the files changed)"),
            x instanceof SshException s && s.isTransient());
      }
    }
    return new StepOutcome(lines, Map.of());
  }

  private String change(StepContext context, RemoteFiles files, Look checked) throws IOException {
    Look l = checked.state() == State.CHANGE ? again(files, checked) : checked;
    if (l.state() == State.DONE) {
      return l.where() + " already holds " + AddressText.of(config.to());
    }
    String path = RemoteFiles.sftpPath(l.file());
    String backup = backup(context, l.file());
    boolean kept = files.stat(backup) != null;
    if (!kept) {
      files.write(backup, l.bytes(), l.attrs());
    }
    String text = l.content().text();
    int changed = swap.changes(text).size();
    files.write(path, l.content().codec().encode(swap.apply(text)), l.attrs());
    return l.where()
        + ": "
        + changed
        + (changed == 1 ? " line " : " lines ")
        + AddressText.of(config.from())
        + " → "
        + AddressText.of(config.to())
        + (kept ? " (backup " + backup + " already there, kept)" : " (backup " + backup + ")");
  }

  /**
   * The file read again just before it is written: it may have changed since the check (another
   * client sharing it, a person), and writing what was read earlier would undo that change.
   */
  private Look again(RemoteFiles files, Look checked) throws IOException {
    String path = RemoteFiles.sftpPath(checked.file());
    byte[] bytes = files.read(path);
    if (Arrays.equals(bytes, checked.bytes())) {
      return checked;
    }
    TextCodec.Decoded content;
    try {
      content = TextCodec.decode(bytes);
    } catch (TextCodec.Unsupported e) {
      throw new IOException(checked.file() + " changed since it was checked and " + e.getMessage());
    }
    State state = state(content.text());
    if (state == State.LACKS) {
      throw new IOException(
          checked.file()
              + " changed since it was checked and lacks the primary's address "
              + AddressText.of(config.from()));
    }
    return new Look(checked.client(), checked.file(), bytes, content, files.stat(path), state);
  }

  /** True unless the runbook says {@code undo: false}. */
  @Override
  public boolean undoable() {
    return undoable;
  }

  @Override
  public StepOutcome undo(StepContext context) throws StepException, InterruptedException {
    List<String> lines = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    boolean allTransient = true;
    for (HostConfig client : config.clients()) {
      try (RemoteFiles files = new RemoteFiles(context.ssh(client).sftp())) {
        for (String file : config.files()) {
          try {
            String line = client.name() + ":" + file + ": " + restore(context, files, file);
            lines.add(line);
            context.log("hosts undo: " + line);
          } catch (SshException e) {
            throw e;
          } catch (IOException | TextCodec.Unsupported e) {
            failures.add(client.name() + ":" + file + ": " + e.getMessage());
            allTransient = false;
          }
        }
      } catch (IOException e) {
        context.forget(client);
        failures.add("client " + client.name() + ": " + e.getMessage());
        allTransient &= e instanceof SshException s && s.isTransient();
      }
    }
    if (!failures.isEmpty()) {
      throw new StepException(
          "hosts undo failed: "
              + String.join("; ", failures)
              + (lines.isEmpty() ? "" : " (done: " + String.join("; ", lines) + ")"),
          allTransient);
    }
    return new StepOutcome(lines, Map.of());
  }

  /** Puts one file back from its backup; says what it did. */
  private String restore(StepContext context, RemoteFiles files, String file)
      throws IOException, TextCodec.Unsupported {
    String path = RemoteFiles.sftpPath(file);
    String backup = backup(context, file);
    SftpATTRS backupAttrs = files.stat(backup);
    if (backupAttrs == null) {
      return "no backup " + backup + ", not changed by the failover; left alone";
    }
    byte[] original = files.read(backup);
    SftpATTRS attrs = files.stat(path);
    if (attrs == null) {
      throw new IOException(path + " is gone; its original is still in " + backup);
    }
    byte[] current = files.read(path);
    TextCodec.Decoded before = TextCodec.decode(original);
    byte[] asRun = before.codec().encode(swap.apply(before.text()));
    String result;
    if (Arrays.equals(current, asRun)) {
      files.write(path, original, attrs);
      result = "restored from " + backup;
    } else {
      result = revertChangedLines(files, path, attrs, before.text(), TextCodec.decode(current));
    }
    files.delete(backup);
    return result + ", backup deleted";
  }

  /**
   * The file changed since the run: reverts the lines that, with the primary's address back, are
   * lines of the original, and keeps the rest (edits made since, lines that held the secondary's
   * address in the original).
   */
  private String revertChangedLines(
      RemoteFiles files, String path, SftpATTRS attrs, String original, TextCodec.Decoded current)
      throws IOException {
    java.util.Set<String> originalLines = new java.util.HashSet<>();
    AddressSwap.lines(original).forEach(l -> originalLines.add(l[0]));
    AddressSwap back = swap.reverse();
    StringBuilder out = new StringBuilder();
    int reverted = 0;
    int kept = 0;
    for (String[] l : AddressSwap.lines(current.text())) {
      String put = back.swap(l[0]);
      if (!put.equals(l[0]) && originalLines.contains(put)) {
        out.append(put);
        reverted++;
      } else {
        out.append(l[0]);
        kept += put.equals(l[0]) ? 0 : 1;
      }
      out.append(l[1]);
    }
    if (reverted > 0) {
      files.write(path, current.codec().encode(out.toString()), attrs);
    }
    return "changed since the failover: "
        + reverted
        + (reverted == 1 ? " line" : " lines")
        + " put back to "
        + AddressText.of(config.from())
        + (kept == 0
            ? ""
            : ", " + kept + " other line(s) with " + AddressText.of(config.to()) + " kept");
  }
}
