package it.continuo.alert;

import java.util.List;

/**
 * What one {@link Incidents#update} delivered.
 *
 * @param sent the alerts delivered, in order
 * @param failures why the others were not, one line each (they are tried again at the next update)
 */
public record Deliveries(List<Alert> sent, List<String> failures) {}
