/**
 * The step kinds of a runbook, one class each, made by {@link it.continuo.failover.step.Steps} from
 * their configuration. Each step talks to one kind of thing (a replica check, an SSH server, a DNS
 * server, an alert channel) and leaves timeouts, retries and ordering to the runner.
 */
package it.continuo.failover.step;
