#include "reports/play_html.h"

#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

#include "reports/format.h"

namespace interleave {
namespace {

// A JSON string that is also safe inside a <script> element.
std::string Js(const std::string& text) {
  return ScriptSafe(
      nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}
std::string Strings(const std::vector<std::string>& list) {
  std::string out = "[";
  for (const std::string& s : list) out += (out.size() > 1 ? "," : "") + Js(s);
  return out + "]";
}

// The tree as compact JSON: a node is {n: steps before it, st: state, w: waiting, q: question,
// c: [[label, next, child, steps, thread, last thread]...]} or, at the end, {n, e: end,
// f: findings}.
std::string TreeJson(const PlayTree& tree) {
  std::string out = "[";
  for (std::size_t i = 0; i < tree.nodes.size(); ++i) {
    const PlayNode& node = tree.nodes[i];
    if (i > 0) out += ",\n";
    out += "{\"n\":" + std::to_string(node.total_steps);
    if (node.choices.empty()) {
      out += ",\"e\":" + Js(node.end) + ",\"f\":" + Strings(node.findings) +
             ",\"st\":" + Strings(node.state) + ",\"w\":" + Strings(node.waiting);
    } else {
      out += ",\"st\":" + Strings(node.state) + ",\"w\":" + Strings(node.waiting) +
             ",\"q\":" + Js(node.question) + ",\"c\":[";
      for (std::size_t c = 0; c < node.choices.size(); ++c) {
        const PlayChoice& choice = node.choices[c];
        if (c > 0) out += ",";
        out += "[" + Js(choice.label) + "," + Js(choice.next) + "," + std::to_string(choice.child) +
               "," + Strings(choice.steps) + "," + std::to_string(choice.thread) + "," +
               std::to_string(choice.last_thread) + "]";
      }
      out += "]";
    }
    out += "}";
  }
  return out + "]";
}

constexpr const char* kStyle = R"(
body{font-family:system-ui,sans-serif;margin:1.5em;max-width:70em;color:#222}
h1{font-size:1.3em}
.goal{background:#f4f4ff;padding:.5em;border-left:4px solid #66c}
#log{font-family:monospace;white-space:pre-wrap;background:#fafafa;border:1px solid #ddd;
 padding:.5em;max-height:22em;overflow:auto}
#log .new{background:#ffe}
.panel{display:flex;gap:2em;flex-wrap:wrap;margin:1em 0}
.panel>div{flex:1;min-width:20em}
#state,#waiting{font-family:monospace;white-space:pre-wrap}
button.choice{display:block;margin:.3em 0;padding:.4em .8em;font-size:1em;text-align:left;
 min-width:28em;cursor:pointer}
button.choice .next{color:#555;font-family:monospace;margin-left:1em}
button.choice.hint{outline:3px solid #fa0}
#end.bug{background:#fdd;border:2px solid #c00;padding:.6em}
#end.ok{background:#dfd;border:2px solid #080;padding:.6em}
.controls{margin:.5em 0}
@media print{button{display:none}#log{max-height:none}}
)";

constexpr const char* kScript = R"(
const nodes = TREE;
const startSteps = START;
const startLast = LAST;
const minimalPath = PATH;
const minimal = MINIMAL;
let path = [];  // Choice indexes from the first choice.
function nodeAt(p){let n=0;for(const c of p){n=nodes[n].c[c][2];}return n;}
function onMinimalPath(){for(let i=0;i<path.length;i++){if(path[i]!==minimalPath[i])return false;}
 return path.length<=minimalPath.length;}
function el(tag,cls,text){const e=document.createElement(tag);if(cls)e.className=cls;
 if(text!==undefined)e.textContent=text;return e;}
// Preemptions along the path: a choice of another thread while the last one could go on.
function preemptions(){let count=0,last=startLast,n=0;
 for(const i of path){const node=nodes[n];const c=node.c[i];
  if(c[4]>=0&&last>=0&&c[4]!==last&&node.c.some(o=>o[4]===last))count++;
  last=c[5];n=c[2];}return count;}
function render(hint){
 const id=nodeAt(path);const node=nodes[id];
 const log=document.getElementById('log');log.textContent='';
 const add=(s,cls)=>log.appendChild(el('div',cls,s));
 for(const s of startSteps)add(s,path.length===0?'new':'');
 let n=0;path.forEach((i,k)=>{const c=nodes[n].c[i];
  for(const s of c[3])add(s,k===path.length-1?'new':'');n=c[2];});
 log.scrollTop=log.scrollHeight;
 const p=preemptions();
 document.getElementById('where').textContent='After step '+node.n+' ('+path.length+
  (path.length===1?' choice, ':' choices, ')+p+(p===1?' preemption)':' preemptions)');
 const state=document.getElementById('state');const waiting=document.getElementById('waiting');
 const choices=document.getElementById('choices');const end=document.getElementById('end');
 choices.textContent='';end.textContent='';end.className='';
 document.getElementById('hintmsg').textContent='';
 document.getElementById('undo').disabled=path.length===0;
 state.textContent=node.st.length?node.st.join('\n'):'(no shared objects)';
 waiting.textContent=node.w.length?node.w.join('\n'):'(none)';
 if(node.c===undefined){
  document.getElementById('question').textContent='The program has ended.';
  end.appendChild(el('div','',node.e+'.'));
  if(node.f.length>0){end.className='bug';
   end.appendChild(el('div','','You reached a bug in '+node.n+' steps with '+p+
    (p===1?' preemption:':' preemptions:')));
   for(const f of node.f)end.appendChild(el('div','finding',f));
  }else{end.className='ok';end.appendChild(el('div','','No bug in this execution.'));}
  if(minimal)end.appendChild(el('div','','The minimal counterexample: '+minimal+'.'));
  return;}
 document.getElementById('question').textContent=node.q;
 node.c.forEach((c,i)=>{const b=el('button','choice');b.dataset.label=c[0];
  b.dataset.thread=c[4];b.appendChild(el('span','label',c[0]));
  b.appendChild(el('span','next',c[1]));
  if(hint&&onMinimalPath()&&minimalPath[path.length]===i)b.classList.add('hint');
  b.addEventListener('click',()=>{path.push(i);render(false);});choices.appendChild(b);});
}
function undo(){if(path.length>0){path.pop();render(false);}}
function hint(){
 if(!minimal){document.getElementById('hintmsg').textContent='This program has no bug to find.';
  return;}
 if(!onMinimalPath()){let same=0;while(same<path.length&&path[same]===minimalPath[same])same++;
  document.getElementById('hintmsg').textContent='Your choice '+(same+1)+
   ' left the minimal counterexample\'s path: undo '+(path.length-same)+' time(s).';return;}
 render(true);
 document.getElementById('hintmsg').textContent=path.length<minimalPath.length?
  'The highlighted choice is the minimal counterexample\'s next one.':'Run the rest.';}
document.getElementById('undo').addEventListener('click',undo);
document.getElementById('hint').addEventListener('click',hint);
document.addEventListener('keydown',e=>{if(e.key==='u'||e.key==='Backspace'){undo();return;}
 const k=parseInt(e.key,10);const node=nodes[nodeAt(path)];
 if(!isNaN(k)&&node.c){const i=node.c.findIndex(c=>parseInt(c[0],10)===k);
  if(i>=0){path.push(i);render(false);}}});
render(false);
)";

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

}  // namespace

std::string RenderPlayHtml(const PlayTree& tree) {
  std::string path = "[";
  for (int c : tree.minimal_path) path += (path.size() > 1 ? "," : "") + std::to_string(c);
  path += "]";
  // Last placeholder first, so that no inserted text is taken for a later placeholder.
  std::string script = Replace(kScript, "MINIMAL", Js(tree.minimal));
  script = Replace(script, "PATH", path);
  script = Replace(script, "LAST", std::to_string(tree.start_last_thread));
  script = Replace(script, "START", Strings(tree.start_steps));
  script = Replace(script, "TREE", TreeJson(tree));
  std::string page = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n";
  page += "<title>play " + HtmlEscape(tree.scenario) + ": you are the scheduler</title>\n";
  page += "<style>" + std::string(kStyle) + "</style></head><body>\n";
  page += "<h1>You are the scheduler: " + HtmlEscape(tree.title) + "</h1>\n";
  page += "<p>" + HtmlEscape(tree.settings) +
          ". Click the thread that runs next; each click runs "
          "its next step and every step after it that only one thread can take.</p>\n";
  page +=
      "<p class=\"goal\" id=\"goal\">" +
      (tree.minimal.empty()
           ? std::string("No interleaving of this program has a bug: try to break it anyway.")
           : "Goal: reach a bug. The minimal counterexample: " + HtmlEscape(tree.minimal) + ".") +
      "</p>\n";
  page +=
      "<div class=\"controls\"><button id=\"undo\">Undo (u)</button> <button "
      "id=\"hint\">Hint</button> <span id=\"hintmsg\"></span></div>\n";
  page += "<h2 id=\"where\"></h2>\n<div id=\"log\"></div>\n";
  page +=
      "<div class=\"panel\"><div><h3>State</h3><div id=\"state\"></div>"
      "<h3>Cannot run</h3><div id=\"waiting\"></div></div>"
      "<div><h3 id=\"question\"></h3><div id=\"choices\"></div><div id=\"end\"></div></div>"
      "</div>\n";
  page += "<p><small>The same game in a terminal: <code>" + HtmlEscape(tree.command) +
          "</code></small></p>\n";
  page += "<script>" + script + "</script>\n</body></html>\n";
  return page;
}

}  // namespace interleave
