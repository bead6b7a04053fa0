/**
 * Test support: a workspace with a configuration and a NAS directory ({@link
 * it.continuo.testing.Workspace}), trees with every awkward kind of entry ({@link
 * it.continuo.testing.OddTree}), snapshots that compare trees byte for byte and by metadata ({@link
 * it.continuo.testing.TreeSnapshot}), and the CLI run in-process or as a real process.
 */
package it.continuo.testing;
