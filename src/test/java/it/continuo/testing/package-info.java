/**
 * Test support: a workspace with a configuration and a NAS directory ({@link
 * it.continuo.testing.Workspace}), trees with every awkward kind of entry ({@link
 * it.continuo.testing.OddTree}), snapshots that compare trees byte for byte and by metadata ({@link
 * it.continuo.testing.TreeSnapshot}), and the CLI run in-process or as a real process.
 *
 * <p>The real servers that {@code scripts/test-env start} runs on loopback, two OpenSSH hosts and
 * S3Proxy ({@link it.continuo.testing.TestServers}), and a TCP proxy that cuts a connection after
 * so many bytes upstream ({@link it.continuo.testing.DroppingProxy}).
 */
package it.continuo.testing;
