<#ftl output_format="XHTML" strip_whitespace=true>
<#setting locale=lang>
<#-- The report of one failover run (drill, execute, failback): the machine-made "verbale".
     Well-formed XHTML for openhtmltopdf, as report.xhtml.ftl; every word from the bundles, every
     figure from the formats. Verdicts are written in words as well as coloured. -->
<#macro verdict ok><#if ok><span class="badge GREEN">${t("drill.met")}</span><#else><span class="badge RED">${t("drill.notMet")}</span></#if></#macro>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" lang="${lang}" xml:lang="${lang}">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<title>${title}</title>
<style type="text/css">
@page { size: A4; margin: 12mm 10mm 14mm 10mm;
  @bottom-right { content: counter(page) " / " counter(pages); font-size: 8pt; color: #555; } }
body { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; font-size: 12px; line-height: 1.35;
  color: #1a1a1a; background: #fff; margin: 0 auto; max-width: 1200px; padding: 12px 18px; }
h1 { font-size: 19px; margin: 0 0 4px 0; }
h2 { font-size: 15px; margin: 18px 0 6px 0; border-bottom: 2px solid #333; padding-bottom: 2px; page-break-after: avoid; }
p { margin: 4px 0; }
.meta { color: #444; font-size: 11px; }
.badge { display: inline-block; padding: 1px 7px; border: 2px solid #333; border-radius: 3px;
  font-weight: bold; font-size: 11px; white-space: nowrap; }
.badge.GREEN { background: #e3f3e6; color: #145a1f; border-color: #2e7d32; }
.badge.AMBER { background: #fff1d6; color: #6b4500; border-color: #e08a00; }
.badge.RED { background: #fde6e4; color: #8a1414; border-color: #c62828; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #bbb; padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #eee; }
table.facts th { width: 28%; }
tr.failed td { background: #fde6e4; }
tr.undo td { background: #f4f4f4; }
.small { font-size: 10px; color: #333; }
.nowrap { white-space: nowrap; }
.detail { font-family: "DejaVu Sans Mono", monospace; font-size: 10px; white-space: pre-wrap; word-wrap: break-word; }
</style>
</head>
<body>
<h1>${title}</h1>
<p class="meta">${t("drill.madeBy", d.agent, dateTime(d.made))}</p>

<h2>${t("drill.summary")}</h2>
<table class="facts">
<tr><th>${t("drill.service")}</th><td>${run.service}</td></tr>
<tr><th>${t("drill.runbook")}</th><td>${run.runbook}<#if run.id gt 0> (#${run.id?c})</#if></td></tr>
<tr><th>${t("drill.mode")}</th><td>${t("drill.mode." + run.mode.word())}</td></tr>
<tr><th>${t("drill.by")}</th><td>${run.by}</td></tr>
<tr><th>${t("drill.declared")}</th><td>${dateTime(run.declared)} (${timeSeconds(run.declared)})</td></tr>
<tr><th>${t("drill.ended")}</th><td>${dateTime(run.ended)} (${timeSeconds(run.ended)})</td></tr>
<tr><th>${t("drill.targets")}</th><td>${run.targets}</td></tr>
<tr><th>${t("drill.outcome")}</th><td><span class="badge <#if run.succeeded()>GREEN<#else>RED</#if>">${t("drill.outcome." + run.outcome.name())}</span><#if !run.succeeded()> ${run.message}</#if></td></tr>
<#if run.forced><tr><th>${t("drill.forced")}</th><td><span class="badge AMBER">${t("drill.forced.yes")}</span></td></tr></#if>
</table>

<#if d.measures()>
<h2>${t("drill.objectives")}</h2>
<table>
<tr><th></th><th>${t("drill.measured")}</th><th>${t("drill.target")}</th><th>${t("drill.verdict")}</th></tr>
<tr id="rpo"><th>${t("drill.rpo")}</th><td><#if run.rpo??>${dur(run.rpo)}<#else>${t("drill.notMeasured")}</#if></td><td>${dur(run.rpoTarget)}</td>
<td><@verdict run.rpoMet()/> <#if run.rpo??><#if run.rpoMet()>${t("drill.rpo.met", dur(run.rpo), dur(run.rpoTarget))}<#else>${t("drill.rpo.notMet", dur(run.rpo), dur(run.rpoTarget))}</#if><#else>${t("drill.rpo.unknown")}</#if></td></tr>
<tr id="rto"><th>${t("drill.rto")}</th><td><#if run.rto??>${dur(run.rto)}<#else>${t("drill.notMeasured")}</#if></td><td>${dur(run.rtoTarget)}</td>
<td><@verdict run.rtoMet()/> <#if run.rto??><#if run.rtoMet()>${t("drill.rto.met", dur(run.rto), dur(run.rtoTarget))}<#else>${t("drill.rto.notMet", dur(run.rto), dur(run.rtoTarget))}</#if><#else>${t("drill.rto.unknown")}</#if></td></tr>
</table>
<p class="small">${t("drill.rpo.what")} ${t("drill.rto.what")}</p>
</#if>

<#if run.mode.word() == "drill">
<h2>${t("drill.failback")}</h2>
<p id="failback"><#if run.failback??><span class="badge <#if run.failback.name() == "SUCCEEDED">GREEN<#else>RED</#if>">${t("drill.failback." + run.failback.name())}</span><#elseif run.outcome.name() == "SUCCEEDED">${t("drill.failback.none")}<#else>${t("drill.failback.notReached")}</#if></p>
</#if>

<h2>${t("drill.timeline")}</h2>
<#if run.steps?has_content>
<table id="timeline">
<tr><th>#</th><th>${t("drill.step.start")}</th><th>${t("drill.step.duration")}</th><th>${t("drill.step.phase")}</th><th>${t("drill.step.step")}</th><th>${t("drill.step.outcome")}</th><th>${t("drill.step.detail")}</th></tr>
<#list run.steps as s>
<tr class="<#if !s.outcome.succeeded()>failed<#elseif s.phase.name() == "UNDO">undo</#if>">
<td>${s.seq}</td>
<td class="nowrap">${timeSeconds(s.started)}</td>
<td class="nowrap">${seconds(s.duration())}</td>
<td>${t("drill.phase." + s.phase.name())}</td>
<td><b>${s.label}</b> (${s.kind})<br/><span class="small">${s.description}</span></td>
<td><span class="badge <#if s.outcome.succeeded()>GREEN<#else>RED</#if>">${t("drill.stepOutcome." + s.outcome.name())}</span><#if s.attempts gt 1><br/><span class="small">${t("drill.attempts", s.attempts)}</span></#if></td>
<td class="detail"><#list s.lines as l>${l}<#sep><br/></#sep></#list><#list s.facts as k, v><br/>${k}=${v}</#list><#if s.error??><br/><b>${s.error}</b></#if></td>
</tr>
</#list>
</table>
<#else>
<p>${t("drill.noSteps")}</p>
</#if>

<h2>${t("drill.problems")}</h2>
<#if d.failed()?has_content>
<ul id="problems">
<#list d.failed() as s><li>${t("drill.problem", s.label, t("drill.phase." + s.phase.name()), t("drill.stepOutcome." + s.outcome.name()), s.error!"")}</li></#list>
</ul>
<#if d.undone()?has_content><p>${t("drill.undone")}</p><ul><#list d.undone() as s><li>${s.label}: ${t("drill.stepOutcome." + s.outcome.name())}</li></#list></ul><#elseif run.outcome.name() != "SUCCEEDED"><p>${t("drill.nothingUndone")}</p></#if>
<#elseif run.outcome.name() == "REFUSED">
<p>${t("drill.refused", run.message)}</p>
<#else>
<p>${t("drill.noProblems")}</p>
</#if>

<#if d.nextDue??>
<h2>${t("drill.next")}</h2>
<p id="next">${t("drill.nextDue", date(d.nextDue))}</p>
</#if>
</body>
</html>
