package it.continuo.failover.dns;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIGRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

/**
 * Repoints a name's A record, on the zone's authoritative server, from one address to another as a
 * compare-and-swap: an RFC 2136 update signed with TSIG whose prerequisite is that the A RRset is
 * exactly {@code {from}}. Failback is the same call with the addresses swapped.
 */
public final class DnsRepoint {
  /** A name's A records as the authoritative server answers them; empty when it has none. */
  public record Lookup(List<InetAddress> addresses, long ttlSeconds) {
    public Lookup {
      addresses = List.copyOf(addresses);
    }
  }

  /** What a repoint did. */
  public enum Status {
    /** The record held {@code from}; it holds {@code to} now, confirmed by a query. */
    CHANGED,
    /** The record already held exactly {@code to}: nothing to do (a re-run). */
    ALREADY,
    /** The record held something else than {@code {from}}: nothing was changed. */
    REFUSED_CHANGED_BY_OTHERS
  }

  /**
   * @param before the A records before the update (as queried just before it)
   * @param after the A records after it (confirmed by a query), or what they are when nothing
   *     changed
   * @param cachedTtlSeconds how long resolvers and clients may keep the old address: the old
   *     record's TTL when it changed, else 0
   */
  public record Result(
      Status status,
      List<InetAddress> before,
      List<InetAddress> after,
      long cachedTtlSeconds,
      String message) {
    public Result {
      before = List.copyOf(before);
      after = List.copyOf(after);
    }
  }

  private final DnsServer server;
  private final Name zone;
  private final TsigKey key;
  private final Exchange exchange;

  /**
   * @param zone the zone the names belong to, with or without its final dot
   * @throws IllegalArgumentException when the zone is not a valid DNS name
   */
  public DnsRepoint(DnsServer server, String zone, TsigKey key) {
    this.server = Objects.requireNonNull(server, "server");
    this.key = Objects.requireNonNull(key, "key");
    Objects.requireNonNull(zone, "zone");
    try {
      this.zone = Name.fromString(zone.endsWith(".") ? zone : zone + ".");
    } catch (TextParseException e) {
      throw new IllegalArgumentException("\"" + zone + "\" is not a valid zone name", e);
    }
    this.exchange = new Exchange(server);
  }

  /**
   * The A records of {@code name} (relative to the zone, or absolute), asked of the server without
   * recursion. A name that does not exist, or has no A record, gives an empty list.
   *
   * @throws DnsException when the server does not answer, refuses, fails, or is not authoritative
   */
  public Lookup current(String name) throws DnsException {
    return current(absolute(name));
  }

  private Lookup current(Name name) throws DnsException {
    Message query = Message.newQuery(Record.newRecord(name, Type.A, DClass.IN));
    query.getHeader().unsetFlag(Flags.RD);
    Message answer = exchange.send(query, null, "the query for " + name);
    int rcode = answer.getRcode();
    if (rcode == Rcode.NXDOMAIN) {
      return new Lookup(List.of(), 0);
    }
    if (rcode != Rcode.NOERROR) {
      throw new DnsException(
          "DNS server "
              + server
              + " answered "
              + Rcode.string(rcode)
              + " to the query for "
              + name
              + (rcode == Rcode.REFUSED ? " (it does not serve that zone to us)" : ""));
    }
    if (!answer.getHeader().getFlag(Flags.AA)) {
      throw new DnsException(
          "DNS server "
              + server
              + " is not authoritative for "
              + name
              + ": name the primary server of zone "
              + zone);
    }
    List<InetAddress> addresses = new ArrayList<>();
    long ttl = 0;
    for (Record record : answer.getSection(Section.ANSWER)) {
      if (record instanceof ARecord a && a.getName().equals(name)) {
        addresses.add(a.getAddress());
        ttl = addresses.size() == 1 ? a.getTTL() : Math.min(ttl, a.getTTL());
      }
    }
    return new Lookup(addresses, ttl);
  }

  /**
   * Replaces the A record of {@code name} with {@code name ttl A to}, only if its A RRset is
   * exactly {@code {from}}; then queries the server to confirm. Safe to run again: a record already
   * holding exactly {@code {to}} is {@link Status#ALREADY}.
   *
   * @throws DnsException when the server rejects the key or the update, cannot be reached, does not
   *     answer in time, or does not show the new address after accepting the update
   */
  public Result repoint(String name, InetAddress from, InetAddress to, long ttl)
      throws DnsException {
    Name absolute = absolute(name);
    ARecord fromRecord = record(absolute, from, 0);
    ARecord toRecord = record(absolute, to, ttl);
    Lookup before = current(absolute);

    Update update = new Update(zone);
    update.present(fromRecord); // RRset exists (value dependent): exactly {from}
    update.delete(absolute, Type.A);
    update.add(toRecord);
    Message answer = exchange.send(update, key.signer(), "the update of " + absolute);
    int rcode = rcode(answer);
    if (rcode == Rcode.NXRRSET || rcode == Rcode.YXRRSET || rcode == Rcode.NXDOMAIN) {
      return unchanged(absolute, from, to, before);
    }
    if (rcode != Rcode.NOERROR) {
      throw rejected(answer, rcode);
    }
    if (answer.isSigned() && !answer.isVerified()) {
      throw new DnsException(
          "DNS server "
              + server
              + " accepted the update of "
              + absolute
              + " but its answer's TSIG signature does not verify with key "
              + key.name()
              + ": query the record before trusting it");
    }
    Lookup after = current(absolute);
    if (!sameSet(after.addresses(), List.of(to))) {
      throw new DnsException(
          "DNS server "
              + server
              + " accepted the update of "
              + absolute
              + " to "
              + to.getHostAddress()
              + " but now answers "
              + text(after.addresses()));
    }
    return new Result(
        Status.CHANGED,
        before.addresses(),
        after.addresses(),
        before.ttlSeconds(),
        absolute
            + " now points to "
            + to.getHostAddress()
            + " (was "
            + text(before.addresses())
            + ") on DNS server "
            + server
            + "; clients may keep the old address for up to "
            + before.ttlSeconds()
            + " s");
  }

  /** The prerequisite failed: nothing changed. Says what the record holds now. */
  private Result unchanged(Name name, InetAddress from, InetAddress to, Lookup before)
      throws DnsException {
    Lookup now = current(name);
    if (sameSet(now.addresses(), List.of(to))) {
      return new Result(
          Status.ALREADY,
          before.addresses(),
          now.addresses(),
          0,
          name
              + " already points to "
              + to.getHostAddress()
              + " on DNS server "
              + server
              + ": nothing to change");
    }
    return new Result(
        Status.REFUSED_CHANGED_BY_OTHERS,
        before.addresses(),
        now.addresses(),
        0,
        name
            + " was not changed: it should point to "
            + from.getHostAddress()
            + " but DNS server "
            + server
            + " holds "
            + text(now.addresses())
            + " (changed by someone else?)");
  }

  /** The rcode, with a TSIG error (BADSIG, BADKEY, BADTIME) taking the place of NOTAUTH. */
  private static int rcode(Message answer) {
    TSIGRecord tsig = answer.getTSIG();
    if (answer.getRcode() == Rcode.NOTAUTH && tsig != null && tsig.getError() != Rcode.NOERROR) {
      return tsig.getError() | TSIG_ERROR;
    }
    return answer.getRcode();
  }

  private static final int TSIG_ERROR = 1 << 16;

  private DnsException rejected(Message answer, int rcode) {
    String prefix = "DNS server " + server + " rejected the update: ";
    if ((rcode & TSIG_ERROR) != 0) {
      int error = rcode & ~TSIG_ERROR;
      String name = Rcode.TSIGstring(error);
      String why =
          switch (name) {
            case "BADSIG" ->
                "the signature of TSIG key " + key.name() + " does not match (wrong secret?)";
            case "BADKEY" -> "TSIG key " + key.name() + " is not accepted";
            case "BADTIME" -> "the clocks of this machine and the server differ too much";
            default -> "TSIG key " + key.name() + " failed";
          };
      return new DnsException(prefix + why + " (" + name + ")");
    }
    String why =
        switch (rcode) {
          case Rcode.REFUSED -> "key " + key.name() + " may not update zone " + zone;
          case Rcode.NOTAUTH -> "it is not authoritative for zone " + zone;
          case Rcode.NOTZONE -> "the name is not in zone " + zone;
          case Rcode.SERVFAIL -> "the server failed";
          default -> "it answered";
        };
    return new DnsException(
        prefix + why + " (" + Rcode.string(rcode) + ")", rcode == Rcode.SERVFAIL, null);
  }

  /** {@code uno}, {@code uno.lab.test} and {@code uno.lab.test.} all name uno.lab.test. */
  private Name absolute(String name) throws DnsException {
    Objects.requireNonNull(name, "name");
    String text = name.strip();
    String zoneText = zone.toString(true).toLowerCase(Locale.ROOT);
    String lower = text.toLowerCase(Locale.ROOT);
    Name parsed;
    try {
      if (text.endsWith(".")) {
        parsed = Name.fromString(text);
      } else if (lower.equals(zoneText) || lower.endsWith("." + zoneText)) {
        parsed = Name.fromString(text + ".");
      } else {
        parsed = Name.fromString(text, zone);
      }
    } catch (TextParseException e) {
      throw new DnsException("\"" + name + "\" is not a valid DNS name: " + e.getMessage());
    }
    if (!parsed.subdomain(zone)) {
      throw new DnsException(parsed + " is not in zone " + zone);
    }
    return parsed;
  }

  private static ARecord record(Name name, InetAddress address, long ttl) throws DnsException {
    if (!(Objects.requireNonNull(address, "address") instanceof Inet4Address)) {
      throw new DnsException(
          address.getHostAddress() + " is not an IPv4 address: only A records are repointed");
    }
    if (ttl < 0 || ttl > 0x7fffffffL) {
      throw new DnsException("TTL " + ttl + " is not in 0..2147483647");
    }
    return new ARecord(name, DClass.IN, ttl, address);
  }

  private static boolean sameSet(List<InetAddress> a, List<InetAddress> b) {
    return new HashSet<>(a).equals(new HashSet<>(b));
  }

  private static String text(List<InetAddress> addresses) {
    if (addresses.isEmpty()) {
      return "no A record";
    }
    return addresses.stream().map(InetAddress::getHostAddress).collect(Collectors.joining(", "));
  }
}
