package it.continuo.report.render;

/**
 * One chart of the report, as the page names it; its PNG is drawn by {@link Charts#draw}.
 *
 * @param id its content id in the mail ({@code cid:<id>}), unique in the report
 * @param title what it shows, in the report's language
 * @param wide true for a chart across the page, false for a small one of a grid
 */
record Chart(String id, String title, boolean wide) {}
