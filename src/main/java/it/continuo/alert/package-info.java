/**
 * Alerts: health findings become incidents, incidents are escalated along the configured rules, and
 * each message goes out through a {@link it.continuo.alert.Channel} (see {@code
 * it.continuo.alert.channel}).
 *
 * <p>{@link it.continuo.alert.Incidents#update} takes every finding of one sample. A finding at
 * {@code alerts.minSeverity} (WARN by default) or worse opens an incident keyed by {@link
 * it.continuo.health.Finding#key()}, once: later samples only update its severity and message. A
 * severity worse than any alerted so far (WARN → CRITICAL) is told again ("still-open") to every
 * channel already told; going back down and up again does not. An incident resolves when its
 * finding is gone or below the alerting severity, and a recovery goes to every channel an alert
 * about it reached. Escalation rule number N fires once per incident, when the incident has lasted
 * the rule's {@code after} and is neither resolved nor acknowledged ({@code continuo ack}); a rule
 * with {@code after: 0} sends "opened", a later one "escalated". An acknowledged incident still
 * tells of a worsening and of its recovery.
 *
 * <p>State: the engine keeps none of its own. Incidents, every message decided (channel, rule,
 * delivered or not, attempts, last error) and acknowledgements are in the history, read again at
 * each update; a rule has fired when a message for it exists. So a daemon restarted, or killed
 * between deciding and delivering, carries on where it was: a message decided but not delivered is
 * delivered at the next update, and no rule fires twice. A crash between delivering and recording
 * the delivery sends that one message again. A message that fails stays pending and is tried again
 * at the next update; the failing channel is not tried again in the same update, so one dead
 * channel costs at most one timeout per update and the others are still served. Messages not
 * delivered when their incident resolves are given up, but the recovery. Errors never hold a
 * password or token, nor a webhook's path.
 *
 * <p>A {@code command} channel's program inherits the agent's environment, as hooks do, plus the
 * {@code CONTINUO_ALERT_*} variables.
 *
 * <p>Alerts are written in English only: findings' messages are English, and the words around them
 * follow.
 */
package it.continuo.alert;
