/**
 * The alert channels: {@link it.continuo.alert.channel.EmailChannel} (a plain-text mail through the
 * shared {@link it.continuo.mail.SmtpServer}), {@link it.continuo.alert.channel.WebhookChannel} (a
 * JSON POST, optionally with a bearer token) and {@link it.continuo.alert.channel.CommandChannel}
 * (a program with the alert in {@code CONTINUO_ALERT_*} variables and as JSON on stdin). {@link
 * it.continuo.alert.channel.Channels#create} builds them from the configuration. Every channel has
 * a timeout and fails with an {@link it.continuo.alert.AlertException}; errors name the webhook by
 * scheme, host and port only, since its path or query may hold a secret.
 */
package it.continuo.alert.channel;
