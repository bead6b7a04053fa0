/**
 * The agent's history: every backup run (from its start, as "running", to its end, with what it
 * could not read), every verification, nightly check ({@link it.continuo.history.NightlyCheck}),
 * retention pass and event, kept in a database so that status, alerts and reports need not read the
 * targets. {@link it.continuo.history.History} is the one type a caller needs; {@link
 * it.continuo.history.CatalogRebuild} fills it from the targets.
 *
 * <p><b>Where.</b> By default an embedded H2 database, the file {@code dataDir/history.mv.db}. The
 * daemon and CLI commands use it at once from different processes: the first to open it serves it
 * to the others over TCP (H2's auto-server, {@code AUTO_SERVER=TRUE}), on 127.0.0.1 only ({@code
 * h2.bindAddress} is set before H2 loads, and opening refuses any other address). A client must
 * read the {@code history.lock.db} file, which holds the server's address and a random key, so only
 * users who can read the data directory can connect. When the serving process exits, another one
 * takes over ({@code AUTO_RECONNECT=TRUE}). The same schema works on PostgreSQL ({@link
 * it.continuo.history.History#open(String, String, String)}).
 *
 * <p><b>Schema.</b> {@code schema-N.sql} beside this package's classes, applied in order at open;
 * {@code schema_version} records those applied, so a later version adds {@code schema-2.sql} and
 * each database is brought up to date once. On PostgreSQL a version is applied in one transaction
 * under a table lock; H2 commits each DDL statement by itself, so every statement is written to be
 * harmless when run again, and the version is recorded last. A database newer than the software is
 * refused, not touched. Version 3 adds the health incidents ({@code incidents}), every alert
 * decided for them ({@code incident_notifications}: channel, escalation rule, delivered or not,
 * attempts, last error) and acknowledgements, which the alert engine reads again at each update.
 *
 * <p><b>Failure.</b> Every method throws {@link it.continuo.history.HistoryException} (an {@code
 * IOException}) naming the database. The history is a cache of what the targets say: a backup never
 * fails because its history cannot be written (the CLI warns "history not recorded"), and a lost or
 * damaged database is rebuilt by {@code continuo catalog rebuild} (runs then have trigger
 * "rebuilt"; what only the history knew, failed runs, prunes, events and incidents, is lost). A run
 * whose process died stays "running" until the daemon's next start marks it "interrupted". A lost
 * connection is opened again on the next call.
 */
package it.continuo.history;
