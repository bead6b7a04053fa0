package it.continuo.report.drill;

/**
 * A failover run's report in the forms it is kept and mailed in.
 *
 * @param subject the mail subject, with the service, the day and the outcome in words
 * @param html the self-contained page (also the mail body)
 * @param pdf the same page as an A4 PDF
 */
public record RenderedDrill(String subject, String html, byte[] pdf) {}
