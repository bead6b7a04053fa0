/**
 * The failover runbook's {@code dns} step: repointing a name from the primary's address to the
 * secondary's on the zone's authoritative server, by RFC 2136 dynamic update signed with TSIG.
 *
 * <p>{@link it.continuo.failover.dns.DnsRepoint#repoint} is a compare-and-swap. The update carries
 * the prerequisite "the A RRset of the name is exactly {from}" (RFC 2136 3.2.3, value dependent),
 * then deletes that RRset and adds {@code name ttl A to}; the server applies all of it or nothing.
 * When the prerequisite fails (NXRRSET) the record was changed by someone else, or by an earlier
 * run: the name is queried, and a record already holding exactly {to} is {@code ALREADY} (a re-run
 * is harmless), anything else {@code REFUSED_CHANGED_BY_OTHERS}, with nothing changed. After an
 * accepted update the server is queried again, and the step succeeds only when it answers {to}.
 * Clients and resolvers may keep the old address for the old record's TTL: the result says how
 * long. Failback is the same call with the addresses swapped.
 *
 * <p>Everything goes over TCP to the one server named (no recursion, no other resolver). A crash
 * between the update and its confirmation leaves the server either updated or not, never half
 * updated; running the step again finds out which. Failures are {@link
 * it.continuo.failover.dns.DnsException}s whose message names the server and the name and says why
 * (a rejected key, a refused update, no answer within the timeout); they never contain the key's
 * secret. {@link it.continuo.failover.dns.TsigKey#read} reads a key file as BIND's {@code
 * tsig-keygen} writes it.
 */
package it.continuo.failover.dns;
