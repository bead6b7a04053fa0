<#ftl output_format="XHTML" strip_whitespace=true>
<#setting locale=lang>
<#-- The continuity manager's report: one template for the page, the mail body and the PDF.
     Well-formed XHTML (openhtmltopdf parses it as XML): no named entities but the XML five,
     every element closed. Every word comes from the bundles (t, word, state, finding), every
     figure from the formats (date, bytes, dur ...). States are written in words as well as
     coloured, so the page reads in black and white. -->
<#assign s = report.summary>
<#macro badge rag><span class="badge ${rag}">${state(rag)}</span></#macro>
<#macro cols widths><colgroup><#list widths as w><col style="width: ${w}%"/></#list></colgroup></#macro>
<#macro findings list><#if list?has_content><ul class="findings"><#list list as f><li class="${f.level}"><@badge f.level/> ${finding(f)}</li></#list></ul></#if></#macro>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" lang="${lang}" xml:lang="${lang}">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<title>${t("title")} — ${report.agent} — ${date(report.date)}</title>
<style type="text/css">
@page { size: A4; margin: 12mm 10mm 14mm 10mm;
  @bottom-right { content: counter(page) " / " counter(pages); font-size: 8pt; color: #555; } }
body { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; font-size: 13px; line-height: 1.35;
  color: #1a1a1a; background: #fff; margin: 0 auto; max-width: 1200px; padding: 12px 18px; }
h1 { font-size: 21px; margin: 0 0 2px 0; }
h2 { font-size: 17px; margin: 22px 0 6px 0; border-bottom: 2px solid #333; padding-bottom: 2px; page-break-after: avoid; }
h3 { font-size: 14px; margin: 14px 0 4px 0; page-break-after: avoid; }
p { margin: 4px 0; }
.meta { color: #444; font-size: 12px; }
.badge { display: inline-block; padding: 1px 7px; border: 2px solid #333; border-radius: 3px;
  font-weight: bold; font-size: 11px; letter-spacing: 0.03em; white-space: nowrap; }
.badge.GREEN { background: #e3f3e6; color: #145a1f; border-color: #2e7d32; }
.badge.AMBER { background: #fff1d6; color: #6b4500; border-color: #e08a00; }
.badge.RED { background: #fde6e4; color: #8a1414; border-color: #c62828; }
.summary { border: 2px solid #333; border-left: 14px solid #333; padding: 8px 14px 10px 14px; margin-top: 10px; }
.summary.GREEN { border-color: #2e7d32; }
.summary.AMBER { border-color: #e08a00; }
.summary.RED { border-color: #c62828; }
.overall { font-size: 20px; font-weight: bold; margin-bottom: 6px; }
.overall .badge { font-size: 18px; padding: 2px 10px; }
.counts { width: 100%; border-collapse: separate; border-spacing: 6px 0; margin: 6px 0 8px -6px; }
.counts td { border: 1px solid #bbb; padding: 4px 8px; width: 16%; vertical-align: top; }
.counts .figure { display: block; font-size: 20px; font-weight: bold; }
.counts .label { display: block; font-size: 11px; color: #333; }
.counts td.bad { border: 2px solid #c62828; }
.summary h3 { margin: 8px 0 2px 0; }
ul.findings, ol.attention { margin: 2px 0 4px 0; padding-left: 20px; }
ul.findings li, ol.attention li { margin: 2px 0; }
.who { font-weight: bold; }
.grid td.over { color: #8a1414; background: #fde6e4; }
table.grid { border-collapse: collapse; width: 100%; margin: 4px 0 8px 0; }
.grid th, .grid td { border: 1px solid #c4c4c4; padding: 3px 5px; vertical-align: top; text-align: left; }
.grid th { background: #eeeeee; font-size: 11px; }
.grid td.n { text-align: right; white-space: nowrap; }
.grid td.nowrap { white-space: nowrap; }
.grid tr.RED td.state { background: #fde6e4; }
.grid tr.AMBER td.state { background: #fff1d6; }
.grid td.lines { font-size: 11px; color: #333; background: #fafafa; }
.small { font-size: 11px; color: #444; }
.none { color: #555; font-style: italic; }
.job { page-break-inside: avoid; }
.charts img { border: 1px solid #ddd; }
.chart-wide { width: 100%; max-width: 900px; margin: 4px 0 10px 0; }
.chart-small { display: inline-block; width: 49%; vertical-align: top; margin: 0 0 8px 0; page-break-inside: avoid; }
.chart-small img { width: 100%; max-width: 380px; }
.chart-title { font-size: 12px; font-weight: bold; margin: 6px 0 2px 0; }
.section { border: 1px solid #bbb; padding: 6px 10px; margin: 6px 0; page-break-inside: avoid; }
footer { margin-top: 24px; font-size: 11px; color: #555; border-top: 1px solid #bbb; padding-top: 4px; }
@media print {
  body { font-size: 8.5pt; max-width: none; padding: 0; }
  /* A4 is narrower than a screen: columns share the width and every cell may wrap */
  table.grid { table-layout: fixed; }
  .grid td.n, .grid td.nowrap { white-space: normal; }
  .grid td { word-wrap: break-word; }
  .grid td, .grid th { font-size: 7.5pt; }
  .grid .badge { font-size: 6.5pt; padding: 0 2px; border-width: 1px; }
  #trends { page-break-before: always; }
  .grid tr { page-break-inside: avoid; }
  .chart-wide { width: 100%; }
  .grid th, .grid td { padding: 2px 3px; }
  .grid th { font-size: 7.5pt; }
  .grid td.lines, .small { font-size: 7.5pt; }
  h2 { font-size: 13pt; }
  h1 { font-size: 16pt; }
}
</style>
</head>
<body>
<header>
<h1>${t("title")} — ${report.agent}</h1>
<p class="meta">${t("meta", date(report.date), dateTime(report.generated), report.zone.id)}</p>
</header>

<section id="summary" class="summary ${s.overall}">
<div class="overall"><@badge s.overall/> ${t("summary.headline." + s.overall)}</div>
<table class="counts"><tr>
<td><span class="figure">${s.services} </span><span class="label">${t("summary.services")}</span></td>
<td<#if s.servicesRed gt 0> class="bad"</#if>><span class="figure">${s.servicesRed} </span><span class="label">${t("summary.servicesRed")}</span></td>
<td><span class="figure">${s.servicesAmber} </span><span class="label">${t("summary.servicesAmber")}</span></td>
<td<#if s.outOfRpo gt 0> class="bad"</#if>><span class="figure">${s.outOfRpo} </span><span class="label">${t("summary.outOfRpo")}</span></td>
<td<#if s.damagedRuns gt 0> class="bad"</#if>><span class="figure">${s.damagedRuns} </span><span class="label">${t("summary.damagedRuns")}</span></td>
<td<#if s.jobsNotRun gt 0> class="bad"</#if>><span class="figure">${s.jobsNotRun} </span><span class="label">${t("summary.jobsNotRun")}</span></td>
</tr></table>
<#assign atRisk = report.services?filter(x -> x.state != "GREEN")>
<h3>${t("summary.atRisk")}</h3>
<#if atRisk?has_content>
<ul class="findings">
<#list atRisk as x><li><@badge x.state/> <span class="who">${x.name}</span>: <#list x.reasons as r>${finding(r)}<#sep>; </#list><#if !x.reasons?has_content>${t("summary.noReason")}</#if></li></#list>
</ul>
<#else><p class="none">${t("summary.noneAtRisk")}</p></#if>
<h3>${t("summary.attention")}</h3>
<#if s.attention?has_content>
<ol class="attention">
<#list s.attention as f><li><@badge f.level/> <#assign w = who(f)!><#if w?has_content><span class="who">${w}</span>: </#if>${finding(f)}</li></#list>
</ol>
<#else><p class="none">${t("summary.nothingToDo")}</p></#if>
</section>

<section id="services">
<h2>${t("services.title")}</h2>
<#if report.services?has_content>
<table class="grid">
<@cols [15, 5, 7, 9, 13, 14, 8, 11, 18]/>
<thead><tr>
<th>${t("services.name")}</th><th>${t("services.tier")}</th><th>${t("services.criticality")}</th>
<th>${t("services.rpo")}</th><th>${t("services.achievedRpo")}</th><th>${t("services.perTarget")}</th>
<th>${t("services.rto")}</th><th>${t("services.forecast")}</th><th>${t("services.state")}</th>
</tr></thead>
<tbody>
<#list report.services as x>
<tr class="${x.state}">
<td><strong>${x.name}</strong><#if x.description?has_content><br/><span class="small">${x.description}</span></#if><br/><span class="small">${t("services.jobs")}: ${x.jobs?join(", ")}</span></td>
<td class="nowrap"><#if x.tier gt 0>${t("services.tierN", x.tier)}<#else>—</#if></td>
<td>${word("criticality", x.criticality!"")}</td>
<td class="n">${dur(x.rpo)}</td>
<td class="nowrap<#if x.reasons?filter(r -> r.code == "rpo-exceeded")?has_content> over</#if>"><#if x.achievedRpo??><strong>${dur(x.achievedRpo)}</strong><br/><span class="small">${t("services.pointAt", dateTime(x.verifiedPoint))}</span><#else><strong>${t("services.noPoint")}</strong></#if></td>
<td class="small"><#list x.targets as tr>${tr.target}: <#if tr.achievedRpo??>${dur(tr.achievedRpo)}<#else>${t("services.noPoint")}</#if> (${state(tr.state)})<#sep><br/></#sep></#list></td>
<td class="n">${dur(x.rto)}</td>
<td class="nowrap"><#if x.forecastRestore??>${dur(x.forecastRestore)}<#if x.forecastTarget??><br/><span class="small">${t("services.from", x.forecastTarget)}</span></#if><#else>${t("services.unknown")}</#if></td>
<td class="state"><@badge x.state/><#if x.reasons?has_content><br/><span class="small"><#list x.reasons as r>${finding(r)}<#sep>; </#list></span></#if></td>
</tr>
</#list>
</tbody>
</table>
<#else><p class="none">${t("services.none")}</p></#if>
</section>

<section id="jobs">
<h2>${t("jobs.title")}</h2>
<#list report.jobs as job>
<div class="job">
<h3>${t("jobs.job", job.name)} <@badge job.state/> <span class="small">${t("jobs.targets")}: ${job.targets?join(", ")}</span></h3>
<@findings job.findings/>
<#if job.runs?has_content>
<table class="grid">
<@cols [14, 10, 8, 7, 8, 8, 8, 11, 14, 12]/>
<thead><tr>
<th>${t("runs.started")}</th><th>${t("runs.level")}</th><th>${t("runs.outcome")}</th><th>${t("runs.files")}</th>
<th>${t("runs.bytesRead")}</th><th>${t("runs.archiveBytes")}</th><th>${t("runs.duration")}</th><th>${t("runs.trigger")}</th>
<th>${t("runs.stored")}</th><th>${t("runs.problems")}</th>
</tr></thead>
<tbody>
<#list job.runs as r>
<tr>
<td class="nowrap"><#if r.started??>${dateTime(r.started)}<#else>—</#if></td>
<td>${word("level", r.level!"")}</td>
<td><strong>${word("outcome", r.outcome!"")}</strong></td>
<td class="n">${num(r.files)}</td>
<td class="n">${bytes(r.bytesRead)}</td>
<td class="n">${bytes(r.archiveBytes)}</td>
<td class="n"><#if r.duration??>${dur(r.duration)}<#else>—</#if></td>
<td>${word("trigger", r.trigger!"")}</td>
<td class="small"><#list r.stored as st>${st.target}: <#if st.stored>${t("runs.storedYes", bytes(st.bytes))}<#else><strong>${t("runs.storedNo")}</strong><#if st.error??> (${st.error})</#if></#if><#sep><br/></#sep></#list></td>
<td class="small"><#if r.error??><strong>${t("runs.error")}</strong>: ${r.error}<br/></#if>${t("runs.unreadable", r.unreadable)}<br/>${t("runs.changedWhileRead", r.changedWhileRead)}</td>
</tr>
<#if r.warnings?has_content>
<tr><td class="lines" colspan="10">${t("runs.firstWarnings")}:<#list r.warnings as w><br/>${w}</#list></td></tr>
</#if>
</#list>
</tbody>
</table>
<#else><p class="none">${t("runs.none")}</p></#if>
</div>
</#list>
<#if !report.jobs?has_content><p class="none">${t("jobs.none")}</p></#if>
</section>

<section id="verification">
<h2>${t("checks.title")}</h2>
<#if report.jobs?has_content>
<table class="grid">
<@cols [10, 11, 10, 9, 7, 10, 9, 10, 15, 9]/>
<thead><tr>
<th>${t("checks.job")}</th><th>${t("checks.target")}</th><th>${t("checks.when")}</th><th>${t("checks.runsChecked")}</th>
<th>${t("checks.bytesChecked")}</th><th>${t("checks.damage")}</th><th>${t("checks.coverage")}</th>
<th>${t("checks.verifiedPoint")}</th><th>${t("checks.testRestore")}</th><th>${t("checks.state")}</th>
</tr></thead>
<tbody>
<#list report.jobs as job>
<#list job.targets as target>
<#assign c = check(job, target)!>
<#if c?has_content>
<#assign good = c.ok()>
<tr class="<#if good>GREEN<#else>RED</#if>">
<td>${job.name}</td><td>${target}</td>
<td class="nowrap"><#if c.started??>${dateTime(c.started)}<#else>—</#if></td>
<td class="n"><#if c.error??>—<#else>${num(c.runsChecked)}</#if></td>
<td class="n"><#if c.error??>—<#else>${bytes(c.bytesChecked)}</#if></td>
<td><#if c.error??><strong>${t("checks.unreadable")}</strong>: ${c.error}<#elseif c.damagedRuns gt 0><strong>${t("checks.damaged", c.damagedRuns)}</strong><#else>${t("checks.noDamage")}</#if></td>
<td class="n">${pct(c.coverage())}<br/><span class="small">${t("checks.ofDays", c.coverageDays)}</span></td>
<td class="nowrap"><#if c.verifiedPoint??>${dateTime(c.verifiedPoint)}<br/><span class="small">${bytes(c.verifiedPointBytes)}</span><#else><strong>${t("checks.noPoint")}</strong></#if></td>
<td class="small"><#if c.testRestore??><#assign tr = c.testRestore><strong><#if tr.ok>${t("checks.restoreOk")}<#else>${t("checks.restoreWrong")}</#if></strong><br/>${t("checks.restoreFigures", num(tr.files), bytes(tr.bytes), millis(tr.millis), rate(tr.bytesPerSecond()))}<#else>${t("checks.noRestore")}</#if></td>
<td class="state"><#if good><@badge "GREEN"/><#else><@badge "RED"/></#if></td>
</tr>
<#assign lines = c.problems + (c.testRestore??)?then(c.testRestore.problems, [])>
<#if lines?has_content>
<tr><td class="lines" colspan="10">${t("checks.problems")}:<#list lines as p><br/>${p}</#list></td></tr>
</#if>
<#else>
<tr class="AMBER"><td>${job.name}</td><td>${target}</td><td colspan="7"><strong>${t("checks.never")}</strong></td><td class="state"><@badge "AMBER"/></td></tr>
</#if>
</#list>
</#list>
</tbody>
</table>
<#else><p class="none">${t("jobs.none")}</p></#if>
</section>

<section id="trends" class="charts">
<h2>${t("trends.title", report.trends.days?size)}</h2>
<#if charts?has_content>
<#list charts?filter(c -> c.wide) as c>
<p class="chart-title">${c.title}</p>
<img class="chart-wide" src="${c.src}" alt="${c.title}"/>
</#list>
<#assign small = charts?filter(c -> !c.wide)>
<#if small?has_content>
<h3>${t("trends.rpo")}</h3>
<#list small as c><div class="chart-small"><p class="chart-title">${c.title}</p><img src="${c.src}" alt="${c.title}"/></div></#list>
</#if>
<#else><p class="none">${t("trends.none")}</p></#if>
</section>

<section id="sections">
<h2>${t("sections.title")}</h2>
<#list report.sections as sec>
<div class="section">
<h3>${word("section", sec.key)} <#if sec.configured><@badge sec.state/><#else><span class="badge">${t("section.notConfiguredBadge")}</span></#if></h3>
<#if !sec.configured>
<p>${t("section.notConfigured", word("section.what", sec.key))}</p>
<#elseif sec.findings?has_content>
<@findings sec.findings/>
<#else>
<p class="none">${t("section.nothingFound")}</p>
</#if>
</div>
</#list>
</section>

<footer>${t("footer", report.agent, dateTime(report.generated))}</footer>
</body>
</html>
