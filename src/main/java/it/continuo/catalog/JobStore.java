package it.continuo.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import it.continuo.archive.ArchiveReader;
import it.continuo.manifest.ManifestException;
import it.continuo.manifest.ManifestFooter;
import it.continuo.manifest.ManifestFooters;
import it.continuo.manifest.ManifestReader;
import it.continuo.manifest.ManifestTrailer;
import it.continuo.storage.KeyRequiredException;
import it.continuo.storage.ObjectInfo;
import it.continuo.storage.Target;
import it.continuo.storage.Upload;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The runs of one job on one target, and where each of their objects lives. */
public final class JobStore {
  private static final Logger log = LoggerFactory.getLogger(JobStore.class);
  public static final String ARCHIVE_SUFFIX = ".tar.zst";
  public static final String MANIFEST_SUFFIX = ".manifest.jsonl.zst";
  public static final String VERIFY_SUFFIX = ".verify.json";

  /** Why a run of an encrypted target cannot be read without the private key. */
  public static final String SEALED = "encrypted: its contents need the private key";

  /** Loaded on first use: most commands never read or write a verification record. */
  private static final class Json {
    static final ObjectMapper MAPPER =
        new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);
  }

  /** The most bytes of a manifest's end kept when its footer is found by reading it whole. */
  private static final int FOOTER_TAIL = 1 << 20;

  /** How much of a manifest's end a listing reads at once, to find its trailer and footer. */
  static final int TAIL_READ = 16 * 1024;

  private final Target target;
  private final String prefix;

  public JobStore(Target target, String agent, String job) {
    this.target = target;
    this.prefix = agent + "/" + job + "/";
  }

  public Target target() {
    return target;
  }

  public String prefix() {
    return prefix;
  }

  public String archiveName(RunId run) {
    return run + ARCHIVE_SUFFIX;
  }

  public String manifestKey(RunId run) {
    return prefix + run + MANIFEST_SUFFIX;
  }

  /**
   * Committed runs, oldest first; runs whose footer cannot be read are included as damaged. Their
   * last verifications are not read (see {@link #withVerifications}).
   */
  public List<RestorePoint> points() throws IOException {
    return points(false);
  }

  /** Like {@link #points()}, with each run's last verification record. */
  public List<RestorePoint> withVerifications() throws IOException {
    return points(true);
  }

  private List<RestorePoint> points(boolean verified) throws IOException {
    List<ObjectInfo> objects = target.list(prefix);
    Map<String, ObjectInfo> verifications = new HashMap<>();
    for (ObjectInfo o : objects) {
      if (verified && o.name().endsWith(VERIFY_SUFFIX)) {
        verifications.put(runOf(o.name(), VERIFY_SUFFIX), o);
      }
    }
    List<RestorePoint> points = new ArrayList<>();
    for (ObjectInfo o : objects) {
      if (!o.name().endsWith(MANIFEST_SUFFIX)) {
        continue;
      }
      Optional<RunId> id = RunId.parse(runOf(o.name(), MANIFEST_SUFFIX));
      if (id.isEmpty()) {
        continue;
      }
      ManifestFooter footer = null;
      String damage = null;
      boolean sealed = false;
      try {
        footer = readFooter(o);
        if (!footer.run().equals(id.get().toString())) {
          damage = "manifest belongs to run " + footer.run();
          footer = null;
        }
      } catch (ManifestException e) {
        damage = e.getMessage();
      } catch (KeyRequiredException e) {
        damage = SEALED;
        sealed = true;
      }
      ObjectInfo v = verifications.get(id.get().toString());
      points.add(
          new RestorePoint(
              id.get(),
              o.key(),
              o.size(),
              footer,
              damage,
              v == null || sealed ? null : readVerification(v),
              sealed));
    }
    points.sort((a, b) -> a.id().compareTo(b.id()));
    return points;
  }

  private static String runOf(String name, String suffix) {
    return name.substring(0, name.length() - suffix.length());
  }

  private ManifestFooter readFooter(ObjectInfo manifest) throws IOException {
    if (!target.sizesAreExact()) {
      return readFooterStreaming(manifest.key());
    }
    long size = manifest.size();
    if (size < ManifestTrailer.SIZE + 1) {
      throw new ManifestException("manifest has no footer (" + size + " bytes)");
    }
    // One read of the manifest's tail holds the trailer and, but for a huge footer, the footer too:
    // one request per run instead of two when a listing reads every run's footer.
    long length = Math.min(size, TAIL_READ);
    byte[] tail = readRange(manifest.key(), size - length, length);
    if (tail.length != length) {
      throw new ManifestException("manifest is shorter than listed (" + size + " bytes)");
    }
    long offset = footerOffset(tail, size);
    if (offset >= size - length) {
      return footerIn(tail, offset, size);
    }
    byte[] frame = readRange(manifest.key(), offset, size - ManifestTrailer.SIZE - offset);
    return ManifestFooters.parse(frame);
  }

  /**
   * Reads the footer of a manifest whose size is not known exactly (it is stored encrypted): the
   * whole manifest is read, keeping only its tail.
   */
  private ManifestFooter readFooterStreaming(String key) throws IOException {
    byte[] tail = new byte[FOOTER_TAIL];
    long size = 0;
    try (InputStream in = target.open(key)) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        if (n >= tail.length) {
          System.arraycopy(buf, n - tail.length, tail, 0, tail.length);
        } else {
          System.arraycopy(tail, n, tail, 0, tail.length - n);
          System.arraycopy(buf, 0, tail, tail.length - n, n);
        }
        size += n;
      }
    }
    if (size < ManifestTrailer.SIZE + 1) {
      throw new ManifestException("manifest has no footer (" + size + " bytes)");
    }
    int kept = (int) Math.min(size, tail.length);
    byte[] last = Arrays.copyOfRange(tail, tail.length - kept, tail.length);
    long offset = footerOffset(last, size);
    if (offset < size - kept) {
      throw new ManifestException("manifest footer is larger than " + FOOTER_TAIL + " bytes");
    }
    return footerIn(last, offset, size);
  }

  /** Where the footer starts, from the trailer at the end of {@code last}, a manifest's tail. */
  private static long footerOffset(byte[] last, long size) throws ManifestException {
    return ManifestTrailer.footerOffset(
        Arrays.copyOfRange(last, last.length - ManifestTrailer.SIZE, last.length), size);
  }

  /**
   * The footer at {@code offset} of a manifest of {@code size} bytes, from its tail {@code last}.
   */
  private static ManifestFooter footerIn(byte[] last, long offset, long size)
      throws ManifestException {
    int start = (int) (offset - (size - last.length));
    return ManifestFooters.parse(
        Arrays.copyOfRange(last, start, last.length - ManifestTrailer.SIZE));
  }

  private byte[] readRange(String key, long offset, long length) throws IOException {
    try (InputStream in = target.openRange(key, offset, length)) {
      return in.readAllBytes();
    }
  }

  private Verification readVerification(ObjectInfo o) {
    try (InputStream in = target.open(o.key())) {
      return Json.MAPPER.readValue(in, Verification.class);
    } catch (IOException e) {
      log.warn("ignoring unreadable verification record {}: {}", o.key(), e.toString());
      return null;
    }
  }

  /** The run with that id, usable or not. */
  public RestorePoint point(List<RestorePoint> points, String run) throws NoSuchRunException {
    for (RestorePoint p : points) {
      if (p.run().equals(run)) {
        return p;
      }
    }
    throw new NoSuchRunException("no run " + run + " of this job on target " + target.name());
  }

  public ManifestReader openManifest(RestorePoint point) throws IOException {
    return ManifestReader.open(target.open(point.manifestKey()));
  }

  public ArchiveReader openArchive(RestorePoint point) throws IOException {
    String name = point.footer().archive();
    return new ArchiveReader(name, target.open(prefix + name));
  }

  /** The stored archive of a point, when it exists. */
  public Optional<ObjectInfo> archiveObject(RestorePoint point) throws IOException {
    return target.stat(prefix + point.footer().archive());
  }

  public Upload createArchive(RunId run) throws IOException {
    return target.create(prefix + archiveName(run));
  }

  public Upload createManifest(RunId run) throws IOException {
    return target.create(manifestKey(run));
  }

  public void writeVerification(Verification v) throws IOException {
    try (Upload up = target.create(prefix + v.run() + VERIFY_SUFFIX)) {
      Json.MAPPER.writeValue(org.apache.commons.io.output.CloseShieldOutputStream.wrap(up), v);
      up.commit();
    }
  }

  /**
   * Deletes what interrupted runs left: temporary uploads, and archives or verification records of
   * runs that have no manifest. Objects it does not recognise (such as encrypted ones seen without
   * the encryption wrapper) are never touched. Call only while holding the job's lock.
   *
   * @return the keys deleted
   */
  public List<String> removeLeftovers() throws IOException {
    target.cleanupIncomplete(prefix);
    List<ObjectInfo> objects = target.list(prefix);
    Set<String> committed = new HashSet<>();
    for (ObjectInfo o : objects) {
      if (o.name().endsWith(MANIFEST_SUFFIX)) {
        committed.add(runOf(o.name(), MANIFEST_SUFFIX));
      }
    }
    List<String> removed = new ArrayList<>();
    for (ObjectInfo o : objects) {
      String name = o.name();
      int dash = name.indexOf('.');
      String run = dash < 0 ? name : name.substring(0, dash);
      boolean ours =
          name.endsWith(ARCHIVE_SUFFIX)
              || name.endsWith(MANIFEST_SUFFIX)
              || name.endsWith(VERIFY_SUFFIX);
      if (ours && RunId.parse(run).isPresent() && !committed.contains(run)) {
        target.delete(o.key());
        removed.add(o.key());
      }
    }
    return removed;
  }
}
