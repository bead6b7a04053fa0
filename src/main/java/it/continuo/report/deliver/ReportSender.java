package it.continuo.report.deliver;

import it.continuo.report.RenderedReport;

/** Sends a report somewhere once; {@link ReportDelivery} tries again. */
@FunctionalInterface
public interface ReportSender {
  /**
   * @throws ReportMailException with a message fit for the operator, saying what failed where
   */
  void send(RenderedReport report) throws ReportMailException;
}
