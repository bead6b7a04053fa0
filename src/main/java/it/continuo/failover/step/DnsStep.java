package it.continuo.failover.step;

import it.continuo.config.StepConfig;
import it.continuo.failover.Change;
import it.continuo.failover.Step;
import it.continuo.failover.StepContext;
import it.continuo.failover.StepException;
import it.continuo.failover.StepOutcome;
import it.continuo.failover.dns.DnsException;
import it.continuo.failover.dns.DnsRepoint;
import it.continuo.failover.dns.DnsServer;
import it.continuo.failover.dns.TsigKey;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code dns}: the name repointed from the primary's address to the secondary's by {@link
 * DnsRepoint}, a compare-and-swap; a record someone else changed is left alone and fails the step.
 * The undo is the same swap the other way round.
 */
final class DnsStep implements Step {
  /** The longest one exchange with the server may take. */
  private static final Duration EXCHANGE = Duration.ofSeconds(10);

  private final StepConfig.Dns action;
  private final boolean undoable;

  DnsStep(StepConfig config) {
    this.action = (StepConfig.Dns) config.action();
    this.undoable = config.undoImplied();
  }

  @Override
  public String kind() {
    return "dns";
  }

  @Override
  public String describe() {
    return describe(action.from(), action.to());
  }

  @Override
  public String describeUndo() {
    return describe(action.to(), action.from());
  }

  private String describe(InetAddress from, InetAddress to) {
    return "dns "
        + action.name()
        + " A "
        + from.getHostAddress()
        + " → "
        + to.getHostAddress()
        + " (TTL "
        + Words.duration(action.ttl())
        + ") at "
        + action.server()
        + ", zone "
        + action.zone();
  }

  @Override
  public List<Change> plan(StepContext context) throws StepException {
    DnsRepoint.Lookup now;
    try {
      now = repoint(context).current(action.name());
    } catch (DnsException e) {
      return List.of(Change.refusal(e.getMessage()));
    }
    if (now.addresses().equals(List.of(action.from()))) {
      return List.of(
          Change.change(
              action.name()
                  + " A "
                  + action.from().getHostAddress()
                  + " → "
                  + action.to().getHostAddress()
                  + " (TTL "
                  + Words.duration(action.ttl())
                  + "; clients may keep the old address up to "
                  + now.ttlSeconds()
                  + " s)"));
    }
    if (now.addresses().equals(List.of(action.to()))) {
      return List.of(
          Change.note(action.name() + " already points to " + addresses(now.addresses())));
    }
    return List.of(Change.refusal(changedByOthers(now.addresses(), action.from())));
  }

  @Override
  public StepOutcome run(StepContext context) throws StepException {
    return swap(context, action.from(), action.to());
  }

  @Override
  public boolean undoable() {
    return undoable;
  }

  @Override
  public StepOutcome undo(StepContext context) throws StepException {
    return swap(context, action.to(), action.from());
  }

  private StepOutcome swap(StepContext context, InetAddress from, InetAddress to)
      throws StepException {
    DnsRepoint.Result r;
    try {
      r = repoint(context).repoint(action.name(), from, to, action.ttl().toSeconds());
    } catch (DnsException e) {
      throw new StepException(e.getMessage(), e.isTransient(), e);
    }
    return switch (r.status()) {
      case CHANGED ->
          StepOutcome.of(
                  action.name()
                      + " A now "
                      + addresses(r.after())
                      + ", confirmed by "
                      + action.server()
                      + " (was "
                      + addresses(r.before())
                      + ")",
                  "clients and resolvers may keep the old address up to "
                      + r.cachedTtlSeconds()
                      + " s")
              .with(StepOutcome.CACHED_TTL_SECONDS, Long.toString(r.cachedTtlSeconds()));
      case ALREADY ->
          StepOutcome.of(
              action.name() + " already held " + addresses(r.after()) + ": nothing to change");
      case REFUSED_CHANGED_BY_OTHERS ->
          throw StepException.permanent(changedByOthers(r.before(), from));
    };
  }

  private String changedByOthers(List<InetAddress> holds, InetAddress expected) {
    return "the record was changed by someone else: "
        + action.name()
        + " holds "
        + (holds.isEmpty() ? "no address" : addresses(holds))
        + ", not the expected "
        + expected.getHostAddress()
        + "; nothing changed";
  }

  private DnsRepoint repoint(StepContext context) throws StepException {
    Duration left = context.remaining();
    Duration timeout = left.compareTo(EXCHANGE) < 0 ? left : EXCHANGE;
    try {
      return new DnsRepoint(
          DnsServer.parse(action.server(), timeout.isZero() ? Duration.ofSeconds(1) : timeout),
          action.zone(),
          TsigKey.read(action.tsigKey()));
    } catch (DnsException e) {
      throw new StepException(e.getMessage(), e.isTransient(), e);
    }
  }

  private static String addresses(List<InetAddress> list) {
    return list.stream().map(InetAddress::getHostAddress).collect(Collectors.joining(", "));
  }
}
