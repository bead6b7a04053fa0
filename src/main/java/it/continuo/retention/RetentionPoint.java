package it.continuo.retention;

import it.continuo.catalog.Level;
import it.continuo.catalog.RestorePoint;
import it.continuo.catalog.RunId;
import it.continuo.manifest.ManifestFooter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What retention needs to know of one run on one target: when it ran, what it builds on and needs,
 * whether it was verified, and whether it is a restore point at all.
 *
 * @param id the run
 * @param parent the run it was built on; null for a full, or when unknown
 * @param needs the runs whose archives the point is restored from (itself included), oldest first;
 *     null when unknown (its manifest cannot be read)
 * @param verification what its last verification says
 * @param usable true when it is a restore point the keep rules may choose: false for a run whose
 *     manifest is damaged (a sealed run, readable with the private key, is usable)
 * @param unknownWhy why its needs or parent are unknown, for the report; null when they are known
 */
public record RetentionPoint(
    RunId id,
    RunId parent,
    List<RunId> needs,
    Verified verification,
    boolean usable,
    String unknownWhy) {

  /** The last verification of a run, as far as this agent can read it. */
  public enum Verified {
    /** Never verified. */
    NONE,
    /** The last verification found nothing wrong. */
    OK,
    /** The last verification found damage. */
    FAILED,
    /**
     * A verification record exists but cannot be read: encrypted with no private key given, or
     * damaged. It may say ok.
     */
    UNREADABLE
  }

  public RetentionPoint {
    needs = needs == null ? null : List.copyOf(needs);
  }

  /** A point whose parent and needs are known. */
  public static RetentionPoint known(RunId id, RunId parent, List<RunId> needs, Verified v) {
    return new RetentionPoint(id, parent, needs, v, true, null);
  }

  /**
   * The retention view of a listed point.
   *
   * @param cached the footer of the agent's own copy of the point's manifest, used when the point
   *     is sealed; null when there is none
   * @param verificationRecord whether a verification record of the run exists on the target: when
   *     the point has none that reads, its verification is {@link Verified#UNREADABLE}
   */
  public static RetentionPoint of(
      RestorePoint p, ManifestFooter cached, boolean verificationRecord) {
    Verified v;
    if (p.verification() != null) {
      v = p.verification().ok() ? Verified.OK : Verified.FAILED;
    } else {
      v = verificationRecord ? Verified.UNREADABLE : Verified.NONE;
    }
    ManifestFooter footer = p.footer();
    if (footer == null && p.sealed() && cached != null && cached.run().equals(p.run())) {
      footer = cached;
    }
    boolean usable = p.usable() || p.sealed();
    if (footer != null) {
      Optional<List<RunId>> needs = parse(footer.needs());
      Optional<RunId> parent = Optional.ofNullable(footer.parent()).flatMap(RunId::parse);
      if (needs.isPresent() && (footer.parent() == null || parent.isPresent())) {
        return new RetentionPoint(p.id(), parent.orElse(null), needs.get(), v, usable, null);
      }
      return unknown(p.id(), v, usable, "its manifest names runs that are not run ids");
    }
    String why = p.sealed() ? "encrypted, and the agent has no copy of its manifest" : p.damage();
    return unknown(p.id(), v, usable, why);
  }

  /**
   * A point whose manifest cannot be read. A full needs no earlier run by construction, so only an
   * incremental's needs are really unknown.
   */
  static RetentionPoint unknown(RunId id, Verified v, boolean usable, String why) {
    if (id.level() == Level.FULL) {
      return new RetentionPoint(id, null, List.of(id), v, usable, null);
    }
    return new RetentionPoint(id, null, null, v, usable, why);
  }

  private static Optional<List<RunId>> parse(List<String> runs) {
    List<RunId> ids = new ArrayList<>();
    for (String r : runs) {
      Optional<RunId> id = RunId.parse(r);
      if (id.isEmpty()) {
        return Optional.empty();
      }
      ids.add(id.get());
    }
    return Optional.of(ids);
  }

  public Level level() {
    return id.level();
  }

  /** True when what the point needs is known. */
  public boolean needsKnown() {
    return needs != null;
  }
}
