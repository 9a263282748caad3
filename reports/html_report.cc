#include "reports/html_report.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "model/execution.h"
#include "reports/format.h"
#include "reports/json_report.h"
#include "reports/state_timeline.h"
#include "reports/text_report.h"
#include "reports/version.h"
#include "reports/weak_explain.h"

namespace interleave {
namespace {
constexpr const char* kStyle = R"CSS(
:root { --fg:#1d2330; --muted:#667085; --line:#d0d5dd; --bg:#ffffff; --lane:#f5f7fa;
  --bug:#c62828; --pass:#2e7d32; --warn:#b26a00; --err:#7b1fa2; --step:#3b6fd8; --mark:#d32f2f;
  --sleep:#9fb3d9; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg);
  background: var(--bg); margin: 0; padding: 24px 32px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 16px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 14px; margin: 4px 0 6px; } h4 { font-size: 13px; margin: 10px 0 4px; }
code, .mono { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, monospace; font-size: 12.5px; }
.verdict { display: inline-block; padding: 2px 10px; border-radius: 4px; color: #fff;
  font-weight: 700; letter-spacing: .04em; margin-right: 8px; }
.v-BUG { background: var(--bug); } .v-PASS { background: var(--pass); }
.v-WARNING, .v-INCOMPLETE { background: var(--warn); } .v-ERROR { background: var(--err); }
.headline { font-size: 15px; margin: 8px 0; }
.muted { color: var(--muted); }
ul.details { margin: 6px 0; padding-left: 20px; }
#controls { display: flex; gap: 6px; align-items: center; flex-wrap: wrap; margin: 6px 0 8px; }
#controls button, .tabs button { font: inherit; padding: 3px 10px; border: 1px solid var(--line);
  border-radius: 4px; background: #fff; cursor: pointer; }
#controls button:hover, .tabs button:hover { background: #eef2f8; }
#step-pos { margin-left: 8px; font-weight: 600; }
.tabs { display: flex; gap: 4px; margin-top: 4px; }
.tabs button.active { background: var(--fg); color: #fff; border-color: var(--fg); }
.hidden-tab { display: none; }
#lanes-wrap { overflow-x: auto; border: 1px solid var(--line); border-radius: 6px; }
#lanes-print { display: none; }
svg text { font-family: system-ui, sans-serif; }
.lane-bg { fill: var(--lane); }
.lane-name { font-size: 12px; font-weight: 600; fill: var(--fg); }
.step-box, .pbox { fill: var(--step); cursor: pointer; }
.step-box.marked, .pbox.marked { fill: var(--mark); }
.step-box.selected { stroke: #000; stroke-width: 3; }
.step-box:hover { opacity: .8; }
.step-label { font-size: 10px; fill: #fff; font-weight: 600; cursor: pointer; pointer-events: none; }
.sleep-span { fill: var(--sleep); opacity: .8; }
.time-tick { stroke: var(--muted); stroke-dasharray: 3 3; stroke-width: 1; }
.axis { font-size: 10px; fill: var(--muted); }
.end-marker { font-size: 11px; fill: var(--bug); }
#legend { margin: 6px 0; font-size: 12px; color: var(--muted); display: flex; flex-wrap: wrap; gap: 4px 14px; }
#legend .code { display: inline-block; min-width: 20px; text-align: center; background: var(--step);
  color: #fff; border-radius: 3px; font-size: 10px; padding: 0 3px; }
.swatch { display: inline-block; width: 14px; height: 10px; border-radius: 2px; vertical-align: middle; }
.swatch.marked { background: var(--mark); } .swatch.plain { background: var(--step); }
.swatch.selected { background: var(--step); outline: 2px solid #000; }
.swatch.sleep { background: var(--sleep); }
#panels { display: grid; grid-template-columns: minmax(320px, 1fr) minmax(320px, 1fr); gap: 12px; margin-top: 10px; }
#detail, #state { padding: 10px 12px; border: 1px solid var(--line); border-radius: 6px;
  min-height: 48px; background: #fbfcfe; }
#detail dt { font-weight: 600; float: left; width: 110px; clear: left; }
#detail dd { margin: 0 0 2px 120px; }
/* A program's text keeps its spaces ("Main    : all done", as the seed printed it). */
.log-text, #detail dd, .state-value { white-space: pre-wrap; }
.state-table { border-collapse: collapse; width: 100%; }
.state-table td { padding: 2px 8px 2px 0; vertical-align: top; border-bottom: 1px solid #eef0f3; }
.state-table tr.changed td { background: #fff4c2; }
.state-table tr.touched td { font-weight: 700; }
#log-table { border-collapse: collapse; margin-top: 6px; }
#log-table th { text-align: left; font-size: 12px; color: var(--muted); padding: 2px 12px 2px 0; }
#log-table td { padding: 2px 12px 2px 0; cursor: pointer; }
#log-table tr.future td { color: #aab1bd; }
#log-table tr.current td { background: #fff4c2; }
.bar-label { font-size: 12px; fill: var(--fg); }
.bar { fill: var(--step); } .bar.finding { fill: var(--mark); } .bar.warning { fill: var(--warn); }
.bar.clickable, .bar-label.clickable { cursor: pointer; }
.bar.shown { stroke: #000; stroke-width: 2; }
.rf-arrow { fill: none; stroke: #475467; stroke-width: 1.5; opacity: .85; }
.rf-arrow.weak { stroke: var(--warn); stroke-width: 2; stroke-dasharray: 5 3; }
.rf-arrow:hover { stroke-width: 3; opacity: 1; }
.rf-init { font-size: 9px; fill: var(--muted); }
.rf-head { fill: #475467; } .rf-head.weak { fill: var(--warn); }
#weak-memory li { margin-bottom: 4px; }
#script-errors { color: var(--bug); white-space: pre-wrap; }
footer { margin-top: 32px; color: var(--muted); font-size: 12px; }
@media print {
  @page { size: A4; margin: 14mm; }
  body { padding: 0; font-size: 11px; }
  #controls, .tabs, #back, #script-errors { display: none !important; }
  #lanes-wrap { display: none; }
  #lanes-print { display: block; }
  #lanes-print svg { display: block; margin-bottom: 6px; page-break-inside: avoid; break-inside: avoid; }
  .hidden-tab { display: block; }
  #log-panel { break-before: auto; margin-top: 10px; }
  #log-panel::before { content: "Log"; font-weight: 700; display: block; margin-bottom: 4px; }
  #log-table tr.future td { color: var(--fg); }
  #outcome-chart svg { max-width: 100%; height: auto; }
  #panels { display: block; }
  #detail, #state { break-inside: avoid; margin-bottom: 8px; }
  .lane-bg { fill: #eef1f5; }
  .step-box, .pbox, .bar, .sleep-span, .swatch, #legend .code { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  h2 { break-after: avoid; }
}
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
  const $ = function (id) { return document.getElementById(id); };
  // One or two letters per operation, drawn in its box; the legend explains them.
  const ABBREVIATION = {read: "R", write: "W", acquire: "A", release: "U", start: "S", join: "J",
    "exit-wait": "X", sleep: "z", log: "L", choose: "?", kill: "K", wait: "Wt", notify: "N",
    set: "St", clear: "C", put: "P", get: "G", task_done: "D", cancel: "Cn", update: "RW",
    fence: "F"};
  const MEANING = {read: "read a shared variable", write: "write a shared variable",
    acquire: "acquire a lock", release: "release a lock", start: "start a thread",
    join: "join a thread", "exit-wait": "the program waits at exit for a thread",
    sleep: "sleep (in virtual time: a bar from its start to its wake-up)", log: "print a line",
    choose: "a value chosen", kill: "a thread killed", wait: "wait (condition, event, barrier, future)",
    notify: "notify a condition", set: "set an event", clear: "clear an event",
    put: "put into a queue", get: "get from a queue", task_done: "queue task_done",
    cancel: "cancel a timer or future", update: "atomic read-modify-write", fence: "memory fence"};
  // The operation a step's letter stands for: a condition wait begins with the release of its
  // lock (the JSON's operation), but what the student sees is the wait.
  function letterOp(s) {
    return s.operation === "release" && s.description.startsWith("wait ") ? "wait" : s.operation;
  }
  function base(file) { const i = file.lastIndexOf("/"); return i < 0 ? file : file.slice(i + 1); }
  function seconds(us) { return (us / 1e6).toFixed(us % 1000 === 0 ? 3 : 6) + " s"; }

  const report = JSON.parse($("report-data").textContent);
  const page = JSON.parse($("page-data").textContent);
  const execs = page.executions;
  const STEP_W = 22, GAP_W = 12, LANE_H = 34, TOP = 8, END_W = 190;
  const PRINT_WIDTH = 700;  // px of an A4 page's text width at 96 dpi, minus margins.

  let shown = null, shownIndex = -1, cursor = 0, timer = null;

  function prepare(ex) {
    if (ex.marks) return ex;
    ex.marks = {};
    for (const f of ex.findings) {
      for (const m of f.marks) {
        ex.marks[m.step] = (ex.marks[m.step] ? ex.marks[m.step] + "; " : "") + f.kind + ": " + m.label;
      }
    }
    // Under rc11: which store each atomic read read, and why a weak one could (by step).
    ex.reads = {};
    if (ex.role === "counterexample" && report.counterexample) {
      for (const r of report.counterexample.atomic_reads || []) ex.reads[r.step] = r;
    }
    return ex;
  }
  function readText(r) {
    return "reads " + r.source + (r.weak ? ", " + r.why + "." : "") +
           (r.forbid ? " To forbid it: " + r.forbid + "." : "");
  }

  // The headline finding's decisive step: among findings[0]'s marks, the one its detector labels
  // with a word in capitals (LOST, OVERWRITES, RACE, MISUSE, CUT OFF), preferring the step the
  // finding became certain at; else the mark at that step, its first mark, that step; else the
  // first weak read; else step 1.
  function decisiveStep(ex) {
    const f = ex.findings[0];
    if (f) {
      const keyed = function (m) { return /\b[A-Z]{3,}\b/.test(m.label); };
      const at = f.marks.find(m => m.step === f.certain_at_step && keyed(m)) || f.marks.find(keyed) ||
                 f.marks.find(m => m.step === f.certain_at_step) || f.marks[0];
      if (at) return at.step;
      if (f.certain_at_step > 0) return f.certain_at_step;
    }
    const weak = ex.steps.find(s => ex.reads[s.step] && ex.reads[s.step].weak);
    if (weak) return weak.step;
    return ex.steps.length ? 1 : 0;
  }

  // Where each step's box goes: one column per step; in virtual time a gap and a tick wherever
  // the clock advanced, and each sleep drawn as a bar from where it began (right after its
  // thread's previous step) to its wake-up.
  function layout(ex) {
    if (ex.layout) return ex.layout;
    const virtual = ex.time_mode === "virtual";
    const xs = [], ticks = [], spans = [];
    // The lane names' column: as wide as the longest name (about 7 px a character), 110 to 230 px.
    const longest = Math.max.apply(null, ex.threads.map(t => t.name.length + (t.daemon ? 9 : 0)).concat([0]));
    const nameW = Math.min(230, Math.max(110, 7 * longest + 20));
    let x = nameW, last = null;
    ex.steps.forEach(function (s, i) {
      if (virtual && last !== null && s.time_us !== last) x += GAP_W;
      if (virtual && s.time_us !== last) ticks.push({index: i, x: x, time: s.time_us});
      xs.push(x);
      x += STEP_W;
      last = s.time_us;
    });
    if (virtual) {
      const threadOf = {};
      ex.threads.forEach(function (t, i) { threadOf[t.object] = i; });
      const previous = {};
      ex.steps.forEach(function (s, i) {
        if (s.operation === "start" && threadOf[s.object] !== undefined) previous[threadOf[s.object]] = i;
        if (s.operation === "sleep") {
          const from = previous[s.thread] === undefined ? 0 : previous[s.thread] + 1;
          if (from < i) spans.push({from: from, to: i, thread: s.thread, step: s});
        }
        if (s.operation !== "start" || threadOf[s.object] !== s.thread) previous[s.thread] = i;
      });
    }
    ex.layout = {xs: xs, ticks: ticks, spans: spans, end: x, nameW: nameW};
    return ex.layout;
  }

  // The lanes of steps [from, to) of `ex` as one SVG; `screen`: the interactive copy (boxes
  // clickable, reads-from arrows), else the print copy (rows that fit an A4 page).
  function drawLanes(ex, from, to, screen) {
    const L = layout(ex);
    const n = ex.steps.length;
    const last = to >= n;
    const NAME_W = L.nameW;
    const x0 = from === 0 ? 0 : L.xs[from] - NAME_W;
    const right = (to > from ? L.xs[to - 1] + STEP_W : NAME_W) - x0;
    const virtual = ex.time_mode === "virtual";
    const axisH = virtual ? 34 : 22;
    const width = right + (last ? END_W : 10);
    const lanesH = ex.threads.length * LANE_H;
    const height = TOP + lanesH + axisH;
    const svg = el("svg", {width: width, height: height, role: "img", "class": screen ? "lanes" : "lanes print-row",
                           "aria-label": "swimlanes of the execution, steps " + (from + 1) + " to " + to});
    const X = function (i) { return L.xs[i] - x0; };
    ex.threads.forEach(function (t, i) {
      const y = TOP + i * LANE_H;
      const lane = el("g", screen ? {"class": "lane", "data-lane": t.name, "data-thread": i}
                                  : {"class": "plane", "data-print-lane": t.name});
      lane.appendChild(el("rect", {"class": "lane-bg", x: 0, y: y + 2, width: width, height: LANE_H - 4, rx: 4}));
      lane.appendChild(el("text", {"class": "lane-name", x: 8, y: y + LANE_H / 2 + 4}, t.name + (t.daemon ? " (daemon)" : "")));
      svg.appendChild(lane);
    });
    const ay = TOP + lanesH + 12;
    if (virtual && from > 0 && to > from && !L.ticks.some(t => t.index === from)) {
      // A row of the print copy that begins mid-instant: its clock at the start.
      svg.appendChild(el("text", {"class": "axis time", x: X(from) + 2, y: ay + 14}, seconds(ex.steps[from].time_us)));
    }
    for (const tick of L.ticks) {
      if (tick.index < from || tick.index >= to) continue;
      const x = X(tick.index) - (tick.index === 0 ? 0 : GAP_W / 2);
      if (tick.index > from) svg.appendChild(el("line", {"class": "time-tick", x1: x, x2: x, y1: TOP, y2: TOP + lanesH + 16}));
      svg.appendChild(el("text", {"class": "axis time", x: x + 2, y: ay + 14}, seconds(tick.time)));
    }
    for (const span of L.spans) {
      if (span.to < from || span.from >= to) continue;
      const a = Math.max(span.from, from), b = Math.min(span.to, to - 1);
      const y = TOP + span.thread * LANE_H;
      const bar = el("rect", {"class": "sleep-span", x: X(a) + 2, y: y + 12, width: X(b) - X(a) + STEP_W - 4,
                              height: LANE_H - 24, rx: 3, "data-sleep": span.step.step});
      bar.appendChild(el("title", {}, "sleep " + span.step.value + " s: from after step " + span.from +
                          " to its wake-up at " + seconds(span.step.time_us) + " (step " + span.step.step + ")"));
      svg.appendChild(bar);
    }
    for (let i = from; i < to; ++i) {
      const s = ex.steps[i];
      const x = X(i), y = TOP + s.thread * LANE_H;
      const box = el("rect", {"class": (screen ? "step-box" : "pbox") + (ex.marks[s.step] ? " marked" : "") +
                              (s.operation === "sleep" && virtual ? " wake" : ""),
                              x: x + 2, y: y + 7, width: STEP_W - 4, height: LANE_H - 14, rx: 3, "data-step": s.step});
      box.appendChild(el("title", {}, "step " + s.step + ": " + s.description + "  (" + s.where + ")" +
                         (virtual ? " at " + seconds(s.time_us) : "") + (ex.marks[s.step] ? "\n" + ex.marks[s.step] : "")));
      svg.appendChild(box);
      const label = el("text", {"class": "step-label", "data-step": s.step, x: x + STEP_W / 2, y: y + LANE_H / 2 + 4,
                                "text-anchor": "middle"}, ABBREVIATION[letterOp(s)] || "\u00b7");
      svg.appendChild(label);
      if (screen) {
        box.addEventListener("click", function () { select(s.step); });
        label.addEventListener("click", function () { select(s.step); });
      }
      if (s.step === 1 || s.step % 5 === 0) {
        svg.appendChild(el("text", {"class": "axis", x: x + STEP_W / 2, y: ay, "text-anchor": "middle"}, String(s.step)));
      }
    }
    if (screen && Object.keys(ex.reads).length) drawReads(ex, svg, X);
    if (last) {
      // Where each unfinished thread stood at the end.
      ex.threads.forEach(function (t, i) {
        if (t.finished) return;
        const what = t.killed ? "killed" : (t.spinning ? "spins forever" : t.blocked ? "blocked" : "stopped") +
                     (t.pending ? " in " + t.pending.operation : "");
        const text = el("text", {"class": "end-marker", x: right + 6, y: TOP + i * LANE_H + LANE_H / 2 + 4}, "\u25A0 " + what);
        if (t.pending) text.appendChild(el("title", {}, t.pending.where));
        svg.appendChild(text);
      });
    }
    return svg;
  }

  // Reads-from arrows: from the store each atomic read read to the read (from the lane's start
  // for the initial value); a weak read's arrow dashed, its explanation on hover.
  function drawReads(ex, svg, X) {
    const defs = el("defs", {});
    for (const kind of ["", " weak"]) {
      const marker = el("marker", {id: "rf-head" + kind.replace(" ", "-"), viewBox: "0 0 8 8", refX: 7, refY: 4,
                                   markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse"});
      marker.appendChild(el("path", {"class": "rf-head" + kind, d: "M0,0 L8,4 L0,8 z"}));
      defs.appendChild(marker);
    }
    svg.appendChild(defs);
    const centre = function (s) { return [X(s.step - 1) + STEP_W / 2, TOP + s.thread * LANE_H + LANE_H / 2]; };
    for (const step in ex.reads) {
      const r = ex.reads[step];
      const load = ex.steps[r.step - 1];
      if (!load) continue;
      const [x2, y2] = centre(load);
      let x1, y1;
      const store = ex.steps[r.reads_from - 1];
      if (r.reads_from > 0 && store) {
        [x1, y1] = centre(store);
        y1 += y1 < y2 ? LANE_H / 2 - 7 : -(LANE_H / 2 - 7);
      } else {
        x1 = layout(ex).nameW - 2;
        y1 = y2 - LANE_H / 2 + 4;
        svg.appendChild(el("text", {"class": "rf-init", x: x1 - 2, y: y1 + 3, "text-anchor": "end"}, "init"));
      }
      const bend = y1 === y2 ? -LANE_H / 2 - 4 : 0;
      const cxp = (x1 + x2) / 2, cyp = (y1 + y2) / 2 + bend;
      const ty = y2 + (y1 > y2 ? LANE_H / 2 - 7 : -(LANE_H / 2 - 7));
      const path = el("path", {"class": "rf-arrow" + (r.weak ? " weak" : ""),
                               d: "M" + x1 + "," + y1 + " Q" + cxp + "," + cyp + " " + x2 + "," + ty,
                               "marker-end": "url(#rf-head" + (r.weak ? "-weak" : "") + ")",
                               "data-reads-from": r.reads_from, "data-read": r.step});
      path.appendChild(el("title", {}, "step " + r.step + " " + readText(r)));
      path.addEventListener("click", function () { select(load.step); });
      svg.appendChild(path);
    }
  }

  // The state after step `k` (0: before step 1): the deltas of states[0..k] applied in order.
  function stateAfter(ex, k) {
    if (!ex.states || !ex.states.length) return null;
    const objects = new Map(), threads = new Map(), changed = new Set(), changedThreads = new Set();
    const upTo = Math.min(k, ex.states.length - 1);
    for (let i = 0; i <= upTo; ++i) {
      for (const o of ex.states[i].o) { objects.set(o[0], o); if (i === upTo && i > 0) changed.add(o[0]); }
      for (const t of ex.states[i].t) { threads.set(t[0], t[1]); if (i === upTo && i > 0) changedThreads.add(t[0]); }
    }
    return {objects: objects, threads: threads, changed: changed, changedThreads: changedThreads};
  }
  function threadName(ex, t) { return t >= 0 && ex.threads[t] ? ex.threads[t].name : "?"; }
  function objectText(ex, o) {
    const [id, value, holder, depth, waiters] = o;
    const kind = ex.objects[id] ? ex.objects[id].kind : "";
    let text = "";
    if (kind === "lock") {
      text = holder >= 0 ? "held by " + threadName(ex, holder) + (depth > 1 ? " (" + depth + " times)" : "") : "free";
    } else if (kind === "condition") {
      text = "";
    } else {
      text = value;
    }
    return text;
  }

  // The state panel after step k: a row per object (the one step k touched in bold, rows whose
  // state step k changed highlighted), then a row per thread with its status.
  function drawState(ex, k) {
    const step = ex.steps[k - 1];
    const box = $("state");
    box.textContent = "";
    box.appendChild(html("h3", k === 0 ? "State before step 1" : "State after step " + k));
    const state = stateAfter(ex, k);
    if (!state) { box.appendChild(html("p", "No state was recorded for this execution.", "muted")); return; }
    const table = html("table", undefined, "state-table");
    for (const [id, o] of state.objects) {
      const info = ex.objects[id] || {name: "?", kind: ""};
      const row = html("tr", undefined, (state.changed.has(id) ? "changed" : "") +
                       (step && step.object === id ? " touched" : ""));
      row.setAttribute("data-object", info.name);
      row.appendChild(html("td", info.name, "mono"));
      row.appendChild(html("td", info.kind, "muted"));
      row.appendChild(html("td", objectText(ex, o), "state-value mono"));
      const waiters = o[4] && o[4].length ? "waiting: " + o[4].map(t => threadName(ex, t)).join(", ") : "";
      row.appendChild(html("td", waiters, "state-waiters"));
      table.appendChild(row);
    }
    box.appendChild(table);
    const threads = html("table", undefined, "state-table threads");
    for (const [id, status] of state.threads) {
      const row = html("tr", undefined, state.changedThreads.has(id) ? "changed" : "");
      row.setAttribute("data-thread", threadName(ex, id));
      row.appendChild(html("td", threadName(ex, id), "mono"));
      row.appendChild(html("td", status, "thread-status"));
      threads.appendChild(row);
    }
    box.appendChild(html("h4", "Threads"));
    box.appendChild(threads);
  }

  function drawDetail(ex, step) {
    const detail = $("detail");
    detail.textContent = "";
    if (!step) { detail.appendChild(html("p", "This execution has no steps.", "muted")); return; }
    const dl = html("dl");
    const rows = [["step", step.step + " of " + ex.steps.length], ["thread", threadName(ex, step.thread)],
                  ["operation", step.description], ["C++ line", step.where]];
    const seed = page.seed_lines[step.where];
    if (seed) rows.push(["seed (Python)", seed]);
    if (ex.time_mode === "virtual") rows.push(["time", seconds(step.time_us)]);
    if (step.value) rows.push(["value", step.value]);
    if (step.timed_out) rows.push(["timed out", "yes"]);
    if (ex.marks[step.step]) rows.push(["marked", ex.marks[step.step]]);
    if (step.order) rows.push(["order", step.order]);
    const read = ex.reads[step.step];
    if (read) {
      rows.push(["reads from", read.source + (read.weak ? " (a weak read)" : "")]);
      if (read.weak) rows.push(["why", read.why]);
      if (read.forbid) rows.push(["to forbid it", read.forbid]);
    }
    for (const [k, v] of rows) {
      const dt = html("dt", k), dd = html("dd", v);
      dd.setAttribute("data-field", k);
      if (k === "seed (Python)" || k === "C++ line") dd.className = "mono";
      dl.appendChild(dt);
      dl.appendChild(dd);
    }
    detail.appendChild(dl);
  }

  // The Log tab: the lines the program printed, with thread names and virtual times.
  function drawLog(ex) {
    const body = $("log-body");
    body.textContent = "";
    const lines = ex.steps.filter(s => s.operation === "log");
    $("log-empty").hidden = lines.length > 0;
    for (const s of lines) {
      const row = html("tr");
      row.setAttribute("data-step", s.step);
      row.appendChild(html("td", ex.time_mode === "virtual" ? seconds(s.time_us) : "", "mono"));
      row.appendChild(html("td", threadName(ex, s.thread), "mono"));
      row.appendChild(html("td", s.value, "mono log-text"));
      row.appendChild(html("td", String(s.step), "muted"));
      row.addEventListener("click", function () { select(s.step); });
      body.appendChild(row);
    }
  }

  function drawLegend(ex) {
    const legend = $("legend");
    legend.textContent = "";
    const used = new Set(ex.steps.map(letterOp));
    for (const op in ABBREVIATION) {
      if (!used.has(op)) continue;
      const item = html("span", undefined, "legend-item");
      item.appendChild(html("b", ABBREVIATION[op], "code"));
      item.appendChild(document.createTextNode(" " + MEANING[op]));
      legend.appendChild(item);
    }
    const colours = [["marked", "a step a finding marks"], ["plain", "a step"], ["selected", "the step shown below"]];
    if (ex.time_mode === "virtual" && layout(ex).spans.length) colours.push(["sleep", "a thread asleep"]);
    for (const [cls, text] of colours) {
      const item = html("span", undefined, "legend-item");
      item.appendChild(html("i", undefined, "swatch " + cls));
      item.appendChild(document.createTextNode(" " + text));
      legend.appendChild(item);
    }
  }

  function select(k) {
    const ex = shown;
    if (!ex) return;
    k = Math.max(ex.steps.length ? 1 : 0, Math.min(ex.steps.length, k));
    cursor = k;
    document.body.setAttribute("data-step", String(k));
    const step = ex.steps[k - 1];
    drawDetail(ex, step);
    drawState(ex, k);
    document.querySelectorAll("#lanes-wrap .step-box.selected").forEach(n => n.classList.remove("selected"));
    const box = document.querySelector('#lanes-wrap .step-box[data-step="' + k + '"]');
    if (box) {
      box.classList.add("selected");
      const wrap = $("lanes-wrap");
      const x = Number(box.getAttribute("x"));
      if (x < wrap.scrollLeft + layout(ex).nameW || x > wrap.scrollLeft + wrap.clientWidth - 40) {
        wrap.scrollLeft = Math.max(0, x - wrap.clientWidth / 2);
      }
    }
    document.querySelectorAll("#log-body tr").forEach(function (row) {
      const s = Number(row.getAttribute("data-step"));
      row.className = s === k ? "current" : s > k ? "future" : "";
    });
    $("step-pos").textContent = k ? "step " + k + " of " + ex.steps.length : "no steps";
  }

  function play(on) {
    if (timer) { clearInterval(timer); timer = null; }
    if (on && shown && cursor < shown.steps.length) {
      timer = setInterval(function () {
        if (!shown || cursor >= shown.steps.length) { play(false); return; }
        select(cursor + 1);
      }, 700);
    }
    $("play").textContent = timer ? "\u275A\u275A pause" : "\u25B6 play";
    document.body.setAttribute("data-playing", timer ? "yes" : "no");
  }

  function show(index) {
    play(false);
    const section = $("timeline");
    if (index < 0 || !execs[index]) { section.hidden = true; return; }
    section.hidden = false;
    const ex = prepare(execs[index]);
    shown = ex;
    shownIndex = index;
    document.body.setAttribute("data-execution", String(index));
    const wrap = $("lanes-wrap");
    wrap.textContent = "";
    wrap.appendChild(drawLanes(ex, 0, ex.steps.length, true));
    // The print copy: rows of the lanes that fit the width of an A4 page.
    const printBox = $("lanes-print");
    printBox.textContent = "";
    // Greedy rows: as many steps as fit PRINT_WIDTH, the last row with room for the end markers.
    const L = layout(ex);
    const rowWidth = function (from, to) { return L.xs[to - 1] + STEP_W - L.xs[from] + L.nameW; };
    for (let from = 0; from < ex.steps.length;) {
      let to = from + 1;
      while (to < ex.steps.length && rowWidth(from, to + 1) + 10 <= PRINT_WIDTH) ++to;
      if (to === ex.steps.length) {
        while (to - from > 1 && rowWidth(from, to) + END_W > PRINT_WIDTH) --to;
      }
      printBox.appendChild(drawLanes(ex, from, to, false));
      from = to;
    }
    let outcome = ex.outcome || "(no outcome declared)";
    for (const key in page.by_outcome) {
      if (page.by_outcome[key] === index) outcome = key;
    }
    let what;
    if (ex.role === "counterexample") {
      $("timeline-title").textContent = "The counterexample";
      what = "The counterexample";
    } else {
      $("timeline-title").textContent = "An execution";
      what = "The shortest execution the search met that ends in " + outcome +
             (ex.findings.length ? " (" + ex.findings.map(f => f.kind).join(", ") + ")" : " (no finding)");
    }
    $("shown-note").textContent = what + ": " + ex.steps.length + " steps of " + ex.threads.length +
        " threads, " + ex.preemptions + " preemption" + (ex.preemptions === 1 ? "" : "s") +
        "; ended: " + ex.end + (ex.outcome ? "; outcome " + ex.outcome : "") +
        ". Step with \u2190 \u2192 (Home, End; space plays), or click a step.";
    const back = $("back");
    back.hidden = !(execs[0] && execs[0].role === "counterexample" && index !== 0);
    drawLegend(ex);
    drawLog(ex);
    document.querySelectorAll("#outcome-chart .bar").forEach(function (bar) {
      bar.classList.toggle("shown", page.by_outcome[bar.getAttribute("data-outcome")] === index);
    });
    select(decisiveStep(ex));
  }

  function drawOutcomes() {
    const outcomes = report.outcomes.slice().sort((a, b) => b.executions - a.executions);
    const total = outcomes.reduce((sum, o) => sum + o.executions, 0);
    const box = $("outcome-chart");
    if (!outcomes.length) { box.textContent = "No execution declared an outcome."; return; }
    const labelW = 300, barW = 420, rowH = 24;
    const svg = el("svg", {width: labelW + barW + 250, height: outcomes.length * rowH + 8,
                           viewBox: "0 0 " + (labelW + barW + 250) + " " + (outcomes.length * rowH + 8),
                           role: "img", "aria-label": "outcome histogram"});
    const max = Math.max.apply(null, outcomes.map(o => o.executions));
    outcomes.forEach(function (o, i) {
      const y = 4 + i * rowH;
      const w = Math.max(2, Math.round(barW * o.executions / max));
      const severity = page.outcome_severity[o.outcome] || "none";
      const index = page.by_outcome[o.outcome];
      const clickable = index !== undefined;
      const label = el("text", {"class": "bar-label" + (clickable ? " clickable" : ""), x: labelW - 8, y: y + 15,
                                "text-anchor": "end"}, o.outcome);
      svg.appendChild(label);
      const bar = el("rect", {"class": "bar" + (severity === "bug" ? " finding" : severity === "warning" ? " warning" : "") +
                              (clickable ? " clickable" : ""),
                              x: labelW, y: y + 3, width: w, height: rowH - 8, rx: 2, "data-outcome": o.outcome,
                              "data-severity": severity});
      const standsFor = o.interleavings === undefined ? "" :
          " (standing for " + (o.interleavings_exact ? "" : "at least ") +
          o.interleavings.toLocaleString("en-US") + " interleavings)";
      bar.appendChild(el("title", {}, o.outcome + ": " + o.executions + " of " + total + " " +
                         report.counted + standsFor +
                         (severity === "bug" ? " (executions with a bug)" : "") +
                         (clickable ? "; click to show one" : "")));
      svg.appendChild(bar);
      if (clickable) {
        bar.addEventListener("click", function () { show(index); });
        label.addEventListener("click", function () { show(index); });
      }
      svg.appendChild(el("text", {"class": "bar-label", x: labelW + w + 6, y: y + 15},
                         o.executions.toLocaleString("en-US") + " of " + total.toLocaleString("en-US") +
                         " " + report.counted));
    });
    box.appendChild(svg);
  }

  function tab(name) {
    for (const t of ["lanes", "log"]) {
      $("tab-" + t).classList.toggle("active", t === name);
      $("tab-" + t).setAttribute("aria-selected", t === name ? "true" : "false");
      $(t + "-panel").classList.toggle("hidden-tab", t !== name);
    }
  }

  function wire() {
    $("prev").addEventListener("click", function () { play(false); select(cursor - 1); });
    $("next").addEventListener("click", function () { play(false); select(cursor + 1); });
    $("first").addEventListener("click", function () { play(false); select(1); });
    $("last").addEventListener("click", function () { play(false); select(shown ? shown.steps.length : 0); });
    $("play").addEventListener("click", function () { play(!timer); });
    $("back").addEventListener("click", function () { show(0); });
    $("tab-lanes").addEventListener("click", function () { tab("lanes"); });
    $("tab-log").addEventListener("click", function () { tab("log"); });
    document.addEventListener("keydown", function (e) {
      if (!shown || e.altKey || e.ctrlKey || e.metaKey) return;
      const target = e.target && e.target.tagName;
      if (target === "INPUT" || target === "TEXTAREA" || target === "SELECT") return;
      if (e.key === "ArrowRight") { play(false); select(cursor + 1); }
      else if (e.key === "ArrowLeft") { play(false); select(cursor - 1); }
      else if (e.key === "Home") { play(false); select(1); }
      else if (e.key === "End") { play(false); select(shown.steps.length); }
      else if (e.key === " " && target !== "BUTTON") { play(!timer); }
      else return;
      e.preventDefault();
    });
  }

  try {
    wire();
    drawOutcomes();
    show(page.initial);
    document.body.setAttribute("data-rendered", errors.textContent ? "errors" : "ok");
  } catch (e) {
    fail("script error: " + e.message);
    document.body.setAttribute("data-rendered", "errors");
  }
})();
)JS";

using json = nlohmann::ordered_json;

// A finding as the page needs it: kind, summary, marks, the step it was certain at.
json FindingJson(const Finding& finding, const Trace& trace) {
  json marks = json::array();
  for (const StepMark& mark : finding.marks) {
    marks.push_back({{"step", mark.step}, {"label", mark.label}});
  }
  json threads = json::array();
  for (ThreadId t : finding.threads) {
    if (t >= 0 && t < static_cast<int>(trace.threads.size())) {
      threads.push_back(trace.threads[t].name);
    }
  }
  return {{"kind", FindingKindName(finding.kind)},
          {"warning", IsWarning(finding.kind)},
          {"summary", finding.summary},
          {"threads", threads},
          {"marks", marks},
          {"certain_at_step", finding.certain_at_step}};
}

// "bug" when a finding is not a warning, "warning" when all are, "none" without findings.
std::string Severity(const std::vector<Finding>& findings) {
  std::string severity = "none";
  for (const Finding& finding : findings) {
    if (!IsWarning(finding.kind)) return "bug";
    severity = "warning";
  }
  return severity;
}

// The state after every step (reports/state_timeline.h), delta-encoded to keep the page small:
// entry i lists only the objects and threads whose state differs from entry i - 1 (entry 0,
// before step 1, lists them all). An object is [id, value, holder, depth, [waiters]] (holder
// -1: free), a thread [id, status].
json StatesJson(const Trace& trace) {
  json states = json::array();
  std::map<ObjectId, json> objects;
  std::map<ThreadId, std::string> threads;
  for (const StateSnapshot& snapshot : StateTimeline(trace)) {
    json changed_objects = json::array();
    for (const ObjectState& object : snapshot.objects) {
      json entry = {object.object, object.value, object.holder, object.depth, object.waiters};
      auto [it, inserted] = objects.try_emplace(object.object, entry);
      if (inserted || it->second != entry) {
        it->second = entry;
        changed_objects.push_back(std::move(entry));
      }
    }
    json changed_threads = json::array();
    for (const ThreadState& thread : snapshot.threads) {
      auto [it, inserted] = threads.try_emplace(thread.thread, thread.status);
      if (inserted || it->second != thread.status) {
        it->second = thread.status;
        changed_threads.push_back({thread.thread, thread.status});
      }
    }
    states.push_back({{"o", std::move(changed_objects)}, {"t", std::move(changed_threads)}});
  }
  return states;
}

// One execution the page can show: its threads, objects, steps, findings and states.
json ExecutionJson(const Trace& trace, const std::vector<Finding>& findings,
                   const std::string& role) {
  json threads = json::array();
  for (const ThreadInfo& info : trace.threads) {
    json thread = {{"name", info.name},         {"object", info.object}, {"daemon", info.daemon},
                   {"finished", info.finished}, {"killed", info.killed}, {"blocked", info.blocked},
                   {"spinning", info.spinning}};
    if (!info.finished) {
      thread["pending"] = {{"operation", OpKindName(info.pending)},
                           {"where", info.pending_where.ToString()}};
    }
    threads.push_back(std::move(thread));
  }
  json objects = json::array();
  for (const ObjectInfo& info : trace.objects) {
    objects.push_back({{"name", info.name}, {"kind", ObjectKindName(info.kind)}});
  }
  json steps = json::array();
  for (const TraceEvent& event : trace.events) {
    json step = {{"step", event.step},
                 {"thread", event.thread},
                 {"operation", OpKindName(event.kind)},
                 {"object", event.object},
                 {"value", event.value},
                 {"description", DescribeStep(trace, event)},
                 {"where", event.where.ToString()},
                 {"time_us", event.time}};
    if (event.timed_out) step["timed_out"] = true;
    if (event.order != MemoryOrder::kNone) step["order"] = MemoryOrderName(event.order);
    steps.push_back(std::move(step));
  }
  json finding_list = json::array();
  for (const Finding& finding : findings) finding_list.push_back(FindingJson(finding, trace));
  return {{"role", role},
          {"outcome", trace.OutcomeText()},
          {"severity", Severity(findings)},
          {"time_mode", TimeModeName(trace.time)},
          {"end", EndReasonName(trace.end)},
          {"preemptions", trace.Preemptions()},
          {"findings", std::move(finding_list)},
          {"threads", std::move(threads)},
          {"objects", std::move(objects)},
          {"steps", std::move(steps)},
          {"states", StatesJson(trace)}};
}

// What the page's script needs beyond the JSON report: the executions it can show (the
// counterexample first, then one example per outcome from Result::examples), which one ends in
// each outcome, how bad each outcome's example was, and the seed's Python lines.
std::string PageData(const Result& result) {
  json executions = json::array();
  json by_outcome = json::object();
  json outcome_severity = json::object();
  if (result.counterexample) {
    executions.push_back(ExecutionJson(*result.counterexample, result.findings, "counterexample"));
    const std::string outcome = result.counterexample->OutcomeText();
    by_outcome[outcome] = 0;
    outcome_severity[outcome] = Severity(result.findings);
  }
  for (const auto& [outcome, example] : result.examples) {
    const std::string severity = Severity(example.findings);
    if (!outcome_severity.contains(outcome) || severity == "bug") {
      outcome_severity[outcome] = severity;
    }
    if (by_outcome.contains(outcome)) continue;
    by_outcome[outcome] = executions.size();
    executions.push_back(ExecutionJson(example.trace, example.findings, "example"));
  }
  // The first execution shown: the counterexample; for a PASS the example of the outcome most
  // executions reached.
  int initial = executions.empty() ? -1 : 0;
  if (!result.counterexample && !result.outcomes.empty()) {
    const auto most =
        std::max_element(result.outcomes.begin(), result.outcomes.end(),
                         [](const auto& a, const auto& b) { return a.second < b.second; });
    if (by_outcome.contains(most->first)) initial = by_outcome[most->first].get<int>();
  }
  json seed_lines = json::object();
  for (const auto& [where, line] : result.seed_lines) seed_lines[where] = line;
  const json page = {{"executions", std::move(executions)},
                     {"by_outcome", std::move(by_outcome)},
                     {"outcome_severity", std::move(outcome_severity)},
                     {"initial", initial},
                     {"seed_lines", std::move(seed_lines)}};
  return page.dump();
}

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
    findings += "<h3>" + HtmlEscape(std::string(FindingKindName(finding.kind))) +
                (IsWarning(finding.kind) ? " <span class=\"muted\">(warning)</span>" : "") +
                "</h3>\n<p>" + HtmlEscape(finding.summary) + "</p>\n<ul class=\"details\">\n";
    for (const std::string& line : finding.details)
      findings += "<li>" + HtmlEscape(line) + "</li>\n";
    findings += "</ul>\n";
  }
  if (findings.empty()) {
    findings = result.verdict == Verdict::kError
                   ? "<p>" + HtmlEscape(result.error) + "</p>\n"
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
          HtmlEscape(trace.threads[event.thread].name) +
          "): " + HtmlEscape(trace.Describe(event) + " " + read.source + ", " + read.why) + "." +
          (read.forbid.empty() ? "" : " To forbid it: " + HtmlEscape(read.forbid) + ".") +
          "</li>\n";
    }
    for (const auto& [object, text] : weak.modification_orders) {
      weak_memory += "<li>Modification order of " + HtmlEscape(text) + ".</li>\n";
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
    replay += "<p id=\"minimization\">Counterexample: " + HtmlEscape(minimized) + ".</p>\n";
  }
  if (result.counterexample) {
    replay += "<p>Replay: <code>" + HtmlEscape(options.command + " " + ReplayArguments(result)) +
              "</code></p>\n";
  }

  const std::string report_json = ScriptSafe(RenderJson(result, {.command = options.command}));
  std::string page;
  page += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  page += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  page += "<title>interleave: " + HtmlEscape(result.scenario) + " \u2014 " + HtmlEscape(verdict) +
          "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n";
  page += "<header>\n<h1 id=\"scenario\">" + HtmlEscape(result.scenario) + "</h1>\n";
  page += "<div class=\"headline\"><span class=\"verdict v-" + HtmlEscape(verdict) + "\">" +
          HtmlEscape(verdict) + "</span>" + HtmlEscape(summary) + "</div>\n";
  page += "<div class=\"muted\">strategy " + HtmlEscape(result.strategy) + ", time mode " +
          HtmlEscape(setting("time")) +
          (parameters.empty() ? "" : ", parameters " + HtmlEscape(parameters)) +
          "</div>\n</header>\n";
  page += "<section id=\"finding\">\n<h2>What was found</h2>\n" + findings + "</section>\n";
  page +=
      "<section id=\"timeline\">\n<h2 id=\"timeline-title\">The interleaving</h2>\n"
      "<p id=\"shown-note\" class=\"muted\"></p>\n"
      "<div id=\"controls\"><button id=\"first\" title=\"first step (Home)\">\u00AB first</button>"
      "<button id=\"prev\" title=\"previous step (\u2190)\">\u25C0 prev</button>"
      "<button id=\"play\" title=\"play or pause (space)\">\u25B6 play</button>"
      "<button id=\"next\" title=\"next step (\u2192)\">next \u25B6</button>"
      "<button id=\"last\" title=\"last step (End)\">last \u00BB</button>"
      "<span id=\"step-pos\"></span>"
      "<button id=\"back\" hidden>back to the counterexample</button></div>\n"
      "<div class=\"tabs\" role=\"tablist\"><button id=\"tab-lanes\" class=\"active\" "
      "role=\"tab\">Lanes</button><button id=\"tab-log\" role=\"tab\">Log</button></div>\n"
      "<div id=\"lanes-panel\">\n<div id=\"lanes-wrap\"></div>\n<div id=\"lanes-print\"></div>\n"
      "<div id=\"legend\" aria-label=\"legend\"></div>\n</div>\n"
      "<div id=\"log-panel\" class=\"hidden-tab\">\n<p class=\"muted\">What the program "
      "printed in this execution, in order, with who printed it and when (virtual time); lines "
      "after the current step are grey.</p>\n<p id=\"log-empty\" class=\"muted\" hidden>This "
      "execution printed nothing.</p>\n<table id=\"log-table\"><thead><tr><th>time</th><th>"
      "thread</th><th>line</th><th>step</th></tr></thead><tbody id=\"log-body\"></tbody>"
      "</table>\n</div>\n"
      "<div id=\"panels\"><div id=\"detail\"></div><div id=\"state\"></div></div>\n"
      "</section>\n";
  page += weak_memory;
  page +=
      "<section id=\"outcomes\">\n<h2>Outcomes over the whole search</h2>\n<p "
      "class=\"muted\">Red: outcomes reached by an execution with a bug. Click a bar to show an "
      "execution that ends in that outcome.</p>\n"
      "<div id=\"outcome-chart\"></div>\n</section>\n";
  page += "<section id=\"coverage\">\n<h2>Coverage</h2>\n<p>" +
          HtmlEscape(CoverageStatement(result)) + ".</p>\n" + replay + "</section>\n";
  page += "<div id=\"script-errors\"></div>\n";
  page += "<footer>interleave " + std::string(kToolVersion) +
          " \u00b7 a self-contained report: no network needed.</footer>\n";
  page += "<script type=\"application/json\" id=\"report-data\">" + report_json + "</script>\n";
  page += "<script type=\"application/json\" id=\"page-data\">" + ScriptSafe(PageData(result)) +
          "</script>\n";
  page += std::string("<script>") + kScript + "</script>\n</body>\n</html>\n";
  return page;
}

}  // namespace interleave
