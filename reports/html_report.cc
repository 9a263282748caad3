#include "reports/html_report.h"

#include <string>

#include "reports/json_report.h"
#include "reports/text_report.h"
#include "reports/version.h"
#include "reports/weak_explain.h"

namespace interleave {
namespace {

std::string Escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// JSON inside a <script> element: '<' only occurs inside strings, where \u003c means the same.
std::string ScriptSafe(const std::string& json) {
  std::string out;
  out.reserve(json.size());
  for (char c : json) {
    if (c == '<') {
      out += "\\u003c";
    } else {
      out += c;
    }
  }
  return out;
}

constexpr const char* kStyle = R"CSS(
:root { --fg:#1d2330; --muted:#667085; --line:#d0d5dd; --bg:#ffffff; --lane:#f5f7fa;
  --bug:#c62828; --pass:#2e7d32; --warn:#b26a00; --err:#7b1fa2; --step:#3b6fd8; --mark:#d32f2f; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg);
  background: var(--bg); margin: 0; padding: 24px 32px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 16px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
code, .mono { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, monospace; font-size: 12.5px; }
.verdict { display: inline-block; padding: 2px 10px; border-radius: 4px; color: #fff;
  font-weight: 700; letter-spacing: .04em; margin-right: 8px; }
.v-BUG { background: var(--bug); } .v-PASS { background: var(--pass); }
.v-WARNING, .v-INCOMPLETE { background: var(--warn); } .v-ERROR { background: var(--err); }
.headline { font-size: 15px; margin: 8px 0; }
.muted { color: var(--muted); }
ul.details { margin: 6px 0; padding-left: 20px; }
#lanes-wrap { overflow-x: auto; border: 1px solid var(--line); border-radius: 6px; }
svg text { font-family: system-ui, sans-serif; }
.lane-bg { fill: var(--lane); }
.lane-name { font-size: 12px; font-weight: 600; fill: var(--fg); }
.step-box { fill: var(--step); cursor: pointer; }
.step-box.marked { fill: var(--mark); }
.step-box.selected { stroke: #000; stroke-width: 2; }
.step-box:hover { opacity: .8; }
.step-label { font-size: 10px; fill: #fff; font-weight: 600; cursor: pointer; }
.axis { font-size: 10px; fill: var(--muted); }
.end-marker { font-size: 11px; fill: var(--bug); }
#detail { margin-top: 10px; padding: 10px 12px; border: 1px solid var(--line); border-radius: 6px;
  min-height: 48px; background: #fbfcfe; }
#detail dt { font-weight: 600; float: left; width: 90px; clear: left; }
#detail dd { margin: 0 0 2px 100px; }
.bar-label { font-size: 12px; fill: var(--fg); }
.bar { fill: var(--step); } .bar.finding { fill: var(--mark); }
.rf-arrow { fill: none; stroke: #475467; stroke-width: 1.5; opacity: .85; }
.rf-arrow.weak { stroke: var(--warn); stroke-width: 2; stroke-dasharray: 5 3; }
.rf-arrow:hover { stroke-width: 3; opacity: 1; }
.rf-init { font-size: 9px; fill: var(--muted); }
.rf-head { fill: #475467; } .rf-head.weak { fill: var(--warn); }
#weak-memory li { margin-bottom: 4px; }
#script-errors { color: var(--bug); white-space: pre-wrap; }
footer { margin-top: 32px; color: var(--muted); font-size: 12px; }
)CSS";

constexpr const char* kScript = R"JS(
(function () {
  "use strict";
  const errors = document.getElementById("script-errors");
  function fail(message) { errors.textContent += message + "\n"; }
  window.addEventListener("error", function (e) { fail("script error: " + e.message); });
  const SVG = "http://www.w3.org/2000/svg";
  function el(name, attrs, text) {
    const node = document.createElementNS(SVG, name);
    for (const k in attrs) node.setAttribute(k, attrs[k]);
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function html(tag, text, cls) {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }
  // One or two letters per operation, drawn in its box.
  const ABBREVIATION = {read: "R", write: "W", acquire: "A", release: "U", start: "S", join: "J",
    "exit-wait": "X", sleep: "z", log: "L", choose: "?", kill: "K", wait: "Wt", notify: "N",
    set: "St", clear: "C", put: "P", get: "G", task_done: "D", cancel: "Cn", update: "RW",
    fence: "F"};
  function base(file) { const i = file.lastIndexOf("/"); return i < 0 ? file : file.slice(i + 1); }
  function seconds(us) { return (us / 1e6).toFixed(us % 1000 === 0 ? 3 : 6) + " s"; }

  const report = JSON.parse(document.getElementById("report-data").textContent);
  const cx = report.counterexample;

  // Under rc11: which store each atomic read read, and why a weak one could (by step).
  const reads = {};
  for (const r of (cx && cx.atomic_reads) || []) reads[r.step] = r;
  function readText(r) {
    return "reads " + r.source + (r.weak ? ", " + r.why + "." : "") +
           (r.forbid ? " To forbid it: " + r.forbid + "." : "");
  }

  // Marks by step, from every finding.
  const marks = {};
  for (const f of report.findings) {
    for (const m of f.marks) {
      marks[m.step] = (marks[m.step] ? marks[m.step] + "; " : "") + f.kind + ": " + m.label;
    }
  }

  function showStep(step) {
    const detail = document.getElementById("detail");
    detail.textContent = "";
    const thread = cx.threads[step.thread];
    const dl = html("dl");
    const rows = [["step", String(step.step)], ["thread", thread ? thread.name : String(step.thread)],
                  ["operation", step.description], ["line", step.line.file + ":" + step.line.line]];
    if (cx.time_mode === "virtual") rows.push(["time", seconds(step.time_us)]);
    if (step.value) rows.push(["value", step.value]);
    if (step.timed_out) rows.push(["timed out", "yes"]);
    if (marks[step.step]) rows.push(["marked", marks[step.step]]);
    if (step.order) rows.push(["order", step.order]);
    const read = reads[step.step];
    if (read) {
      rows.push(["reads from", read.source + (read.weak ? " (a weak read)" : "")]);
      if (read.weak) rows.push(["why", read.why]);
      if (read.forbid) rows.push(["to forbid it", read.forbid]);
    }
    for (const [k, v] of rows) { dl.appendChild(html("dt", k)); dl.appendChild(html("dd", v)); }
    detail.appendChild(dl);
    document.querySelectorAll(".step-box.selected").forEach(n => n.classList.remove("selected"));
    const box = document.querySelector('.step-box[data-step="' + step.step + '"]');
    if (box) box.classList.add("selected");
  }

  function drawLanes() {
    const section = document.getElementById("timeline");
    if (!cx) { section.hidden = true; return; }
    const laneH = 34, nameW = 150, stepW = 22, top = 8, axisH = cx.time_mode === "virtual" ? 34 : 22;
    const n = cx.steps.length;
    const width = nameW + (n + 2) * stepW + 20;
    const height = top + cx.threads.length * laneH + axisH;
    const svg = el("svg", {width: width, height: height, role: "img",
                           "aria-label": "swimlanes of the counterexample"});
    cx.threads.forEach(function (t, i) {
      const y = top + i * laneH;
      const lane = el("g", {"class": "lane", "data-lane": t.name, "data-thread": t.id});
      lane.appendChild(el("rect", {"class": "lane-bg", x: 0, y: y + 2, width: width, height: laneH - 4, rx: 4}));
      const label = t.name + (t.daemon ? " (daemon)" : "");
      lane.appendChild(el("text", {"class": "lane-name", x: 8, y: y + laneH / 2 + 4}, label));
      svg.appendChild(lane);
    });
    let lastTime = -1;
    cx.steps.forEach(function (s) {
      const x = nameW + (s.step - 1) * stepW;
      const y = top + s.thread * laneH;
      const box = el("rect", {"class": "step-box" + (marks[s.step] ? " marked" : ""), x: x + 2, y: y + 7,
                              width: stepW - 4, height: laneH - 14, rx: 3, "data-step": s.step});
      box.appendChild(el("title", {}, "step " + s.step + ": " + s.description + "  (" +
                          base(s.line.file) + ":" + s.line.line + ")" +
                          (marks[s.step] ? "\n" + marks[s.step] : "")));
      box.addEventListener("click", function () { showStep(s); });
      svg.appendChild(box);
      const label = el("text", {"class": "step-label", x: x + stepW / 2, y: y + laneH / 2 + 4,
                                "text-anchor": "middle"}, ABBREVIATION[s.operation] || "·");
      label.addEventListener("click", function () { showStep(s); });
      svg.appendChild(label);
      const ay = top + cx.threads.length * laneH + 12;
      if (s.step === 1 || s.step % 5 === 0) {
        svg.appendChild(el("text", {"class": "axis", x: x + stepW / 2, y: ay, "text-anchor": "middle"}, String(s.step)));
      }
      if (cx.time_mode === "virtual" && s.time_us !== lastTime) {
        svg.appendChild(el("text", {"class": "axis", x: x + 2, y: ay + 14}, seconds(s.time_us)));
        lastTime = s.time_us;
      }
    });
    // Reads-from arrows: from the store each atomic read read to the read (from the lane's
    // start for the initial value); a weak read's arrow dashed, its explanation on hover.
    if (cx.atomic_reads && cx.atomic_reads.length) {
      const defs = el("defs", {});
      for (const kind of ["", " weak"]) {
        const marker = el("marker", {id: "rf-head" + kind.replace(" ", "-"), viewBox: "0 0 8 8",
                                     refX: 7, refY: 4, markerWidth: 7, markerHeight: 7,
                                     orient: "auto-start-reverse"});
        marker.appendChild(el("path", {"class": "rf-head" + kind, d: "M0,0 L8,4 L0,8 z"}));
        defs.appendChild(marker);
      }
      svg.appendChild(defs);
      const byStep = {};
      for (const s of cx.steps) byStep[s.step] = s;
      const centre = function (s) {
        return [nameW + (s.step - 1) * stepW + stepW / 2, top + s.thread * laneH + laneH / 2];
      };
      for (const r of cx.atomic_reads) {
        const load = byStep[r.step];
        if (!load) continue;
        const [x2, y2] = centre(load);
        let x1, y1;
        const store = byStep[r.reads_from];
        if (store) {
          [x1, y1] = centre(store);
          // From the store box's edge that faces the read, not over its label.
          y1 += y1 < y2 ? laneH / 2 - 7 : -(laneH / 2 - 7);
        } else {
          x1 = nameW - 2;
          y1 = y2 - laneH / 2 + 4;
          svg.appendChild(el("text", {"class": "rf-init", x: x1 - 2, y: y1 + 3, "text-anchor": "end"}, "init"));
        }
        const bend = y1 === y2 ? -laneH / 2 - 4 : 0;
        const cxp = (x1 + x2) / 2, cyp = (y1 + y2) / 2 + bend;
        const ty = y2 + (y1 < y2 ? -(laneH / 2 - 7) : y1 > y2 ? laneH / 2 - 7 : -(laneH / 2 - 7));
        const path = el("path", {"class": "rf-arrow" + (r.weak ? " weak" : ""),
                                 d: "M" + x1 + "," + y1 + " Q" + cxp + "," + cyp + " " + x2 + "," + ty,
                                 "marker-end": "url(#rf-head" + (r.weak ? "-weak" : "") + ")",
                                 "data-reads-from": r.reads_from, "data-read": r.step});
        path.appendChild(el("title", {}, "step " + r.step + " " + readText(r)));
        path.addEventListener("click", function () { showStep(load); });
        svg.appendChild(path);
      }
    }
    // Where each unfinished thread stood at the end.
    cx.threads.forEach(function (t, i) {
      if (t.finished) return;
      const x = nameW + n * stepW + 6;
      const y = top + i * laneH + laneH / 2 + 4;
      const what = t.killed ? "killed" : (t.spinning ? "spins forever" : t.blocked ? "blocked" : "stopped") +
                   (t.pending ? " in " + t.pending.operation : "");
      const text = el("text", {"class": "end-marker", x: x, y: y}, "\u25A0 " + what);
      if (t.pending) text.appendChild(el("title", {}, base(t.pending.line.file) + ":" + t.pending.line.line));
      svg.appendChild(text);
    });
    document.getElementById("lanes-wrap").appendChild(svg);
    document.getElementById("timeline-note").textContent =
        cx.steps.length + " steps of " + cx.threads.length + " threads, " + cx.preemptions +
        " preemption" + (cx.preemptions === 1 ? "" : "s") + "; ended: " + cx.end +
        (cx.outcome ? "; outcome " + cx.outcome : "") + ". Click a step for its details.";
    const first = cx.steps.find(s => marks[s.step]) ||
                  cx.steps.find(s => reads[s.step] && reads[s.step].weak) || cx.steps[0];
    if (first) showStep(first);
  }

  function drawOutcomes() {
    const outcomes = report.outcomes.slice().sort((a, b) => b.executions - a.executions);
    const total = outcomes.reduce((sum, o) => sum + o.executions, 0);
    const box = document.getElementById("outcome-chart");
    if (!outcomes.length) { box.textContent = "No execution declared an outcome."; return; }
    const labelW = 300, barW = 420, rowH = 24;
    const svg = el("svg", {width: labelW + barW + 160, height: outcomes.length * rowH + 8,
                           role: "img", "aria-label": "outcome histogram"});
    const max = Math.max.apply(null, outcomes.map(o => o.executions));
    outcomes.forEach(function (o, i) {
      const y = 4 + i * rowH;
      const w = Math.max(2, Math.round(barW * o.executions / max));
      svg.appendChild(el("text", {"class": "bar-label", x: labelW - 8, y: y + 15, "text-anchor": "end"}, o.outcome));
      const bar = el("rect", {"class": "bar" + (cx && o.outcome === cx.outcome ? " finding" : ""),
                              x: labelW, y: y + 3, width: w, height: rowH - 8, rx: 2});
      bar.appendChild(el("title", {}, o.outcome + ": " + o.executions + " of " + total));
      svg.appendChild(bar);
      svg.appendChild(el("text", {"class": "bar-label", x: labelW + w + 6, y: y + 15},
                         o.executions.toLocaleString("en-US") + " of " + total.toLocaleString("en-US")));
    });
    box.appendChild(svg);
  }

  try {
    drawLanes();
    drawOutcomes();
    document.body.setAttribute("data-rendered", errors.textContent ? "errors" : "ok");
  } catch (e) {
    fail("script error: " + e.message);
    document.body.setAttribute("data-rendered", "errors");
  }
})();
)JS";

}  // namespace

std::string RenderHtml(const Result& result, const HtmlReportOptions& options) {
  const std::string verdict(VerdictName(result.verdict));
  std::string summary;
  if (result.verdict == Verdict::kError) {
    summary = result.error;
  } else if (!result.findings.empty()) {
    summary = std::string(FindingKindName(result.findings.front().kind)) + ": " +
              result.findings.front().summary;
  } else {
    summary = "no finding";
  }

  std::string findings;
  for (const Finding& finding : result.findings) {
    findings += "<h3>" + Escape(std::string(FindingKindName(finding.kind))) +
                (IsWarning(finding.kind) ? " <span class=\"muted\">(warning)</span>" : "") +
                "</h3>\n<p>" + Escape(finding.summary) + "</p>\n<ul class=\"details\">\n";
    for (const std::string& line : finding.details) findings += "<li>" + Escape(line) + "</li>\n";
    findings += "</ul>\n";
  }
  if (findings.empty()) {
    findings = result.verdict == Verdict::kError
                   ? "<p>" + Escape(result.error) + "</p>\n"
                   : "<p>No detector fired in any execution; every expect held.</p>\n";
  }

  // Under rc11: the weak reads of the counterexample, explained (reports/weak_explain.h); the
  // timeline draws their reads-from arrows dashed.
  std::string weak_memory;
  if (result.counterexample && !result.findings.empty()) {
    const Trace& trace = *result.counterexample;
    const WeakMemoryNotes weak = ExplainWeakMemory(trace);
    for (const auto& [step, read] : weak.reads) {
      if (!read.weak) continue;
      const TraceEvent& event = trace.events[static_cast<size_t>(step - 1)];
      weak_memory +=
          "<li data-step=\"" + std::to_string(step) + "\">Step " + std::to_string(step) + " (" +
          Escape(trace.threads[event.thread].name) +
          "): " + Escape(trace.Describe(event) + " " + read.source + ", " + read.why) + "." +
          (read.forbid.empty() ? "" : " To forbid it: " + Escape(read.forbid) + ".") + "</li>\n";
    }
    for (const auto& [object, text] : weak.modification_orders) {
      weak_memory += "<li>Modification order of " + Escape(text) + ".</li>\n";
    }
    if (!weak_memory.empty()) {
      weak_memory =
          "<section id=\"weak-memory\">\n<h2>Weak memory (RC11)</h2>\n<p class=\"muted\">Which "
          "store each weak read read, and why it could. In the timeline, an arrow runs from each "
          "store to the atomic reads that read it, dashed for a weak read.</p>\n<ul>\n" +
          weak_memory + "</ul>\n</section>\n";
    }
  }

  std::string parameters;
  for (const auto& [name, value] : result.parameters) {
    parameters += (parameters.empty() ? "" : ", ") + name + "=" + std::to_string(value);
  }
  const auto setting = [&](const std::string& name) {
    const auto it = result.settings.find(name);
    return it == result.settings.end() ? std::string("?") : it->second;
  };

  std::string replay;
  if (const std::string minimized = MinimizationStatement(result); !minimized.empty()) {
    replay += "<p id=\"minimization\">Counterexample: " + Escape(minimized) + ".</p>\n";
  }
  if (result.counterexample) {
    replay += "<p>Replay: <code>" + Escape(options.command + " " + ReplayArguments(result)) +
              "</code></p>\n";
  }

  const std::string json = ScriptSafe(RenderJson(result, {.command = options.command}));
  std::string page;
  page += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  page += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  page += "<title>interleave: " + Escape(result.scenario) + " \u2014 " + Escape(verdict) +
          "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n";
  page += "<header>\n<h1 id=\"scenario\">" + Escape(result.scenario) + "</h1>\n";
  page += "<div class=\"headline\"><span class=\"verdict v-" + Escape(verdict) + "\">" +
          Escape(verdict) + "</span>" + Escape(summary) + "</div>\n";
  page += "<div class=\"muted\">strategy " + Escape(result.strategy) + ", time mode " +
          Escape(setting("time")) +
          (parameters.empty() ? "" : ", parameters " + Escape(parameters)) + "</div>\n</header>\n";
  page += "<section id=\"finding\">\n<h2>What was found</h2>\n" + findings + "</section>\n";
  page +=
      "<section id=\"timeline\">\n<h2>The interleaving</h2>\n<p id=\"timeline-note\" "
      "class=\"muted\"></p>\n<div id=\"lanes-wrap\"></div>\n<div id=\"detail\"></div>\n"
      "</section>\n";
  page += weak_memory;
  page +=
      "<section id=\"outcomes\">\n<h2>Outcomes over the whole search</h2>\n"
      "<div id=\"outcome-chart\"></div>\n</section>\n";
  page += "<section id=\"coverage\">\n<h2>Coverage</h2>\n<p>" + Escape(CoverageStatement(result)) +
          ".</p>\n" + replay + "</section>\n";
  page += "<div id=\"script-errors\"></div>\n";
  page += "<footer>interleave " + std::string(kToolVersion) +
          " \u00b7 a self-contained report: no network needed.</footer>\n";
  page += "<script type=\"application/json\" id=\"report-data\">" + json + "</script>\n";
  page += std::string("<script>") + kScript + "</script>\n</body>\n</html>\n";
  return page;
}

}  // namespace interleave
