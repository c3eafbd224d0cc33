// dotterel web page: shows the evidence behind a highlight or an event row.
// Article text is untrusted: everything is put into the page with textContent, never as HTML.
(function () {
  "use strict";

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") node.className = v; else node.setAttribute(k, v);
    }
    for (const c of [].concat(children || [])) {
      if (c === null || c === undefined || c === false) continue;
      node.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
    }
    return node;
  }

  function readJSON(id) {
    const node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  // ------------------------------------------------------------ example text on "/"
  const example = readJSON("example-data");
  const exampleButton = document.getElementById("load-example");
  if (example && exampleButton) {
    exampleButton.addEventListener("click", function () {
      document.getElementById("text").value = example.text;
      document.getElementById("published").value = example.published || "";
      document.getElementById("title").value = example.title || "";
      document.getElementById("text").focus();
    });
  }

  const record = readJSON("record-data");
  if (!record) return;
  const page = readJSON("page-data") || {};
  const text = record.text || "";
  const panel = document.getElementById("evidence");
  const QUADS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"};
  let pinned = null; // [kind, refs]

  function actorLink(ref) {
    if (!ref) return "–";
    const label = ref.name + (ref.country ? " (" + ref.country + ")" : "");
    const inText = ref.text && ref.text !== ref.name ? " “" + ref.text + "”" : "";
    if (page.corpus && ref.actor) {
      return el("span", {}, [el("a", {href: "/actor/" + encodeURIComponent(ref.actor)}, label), inText]);
    }
    return label + inText;
  }

  function dl(pairs) {
    const list = el("dl");
    for (const [k, v] of pairs) {
      if (v === null || v === undefined || v === "") continue;
      list.appendChild(el("dt", {}, k));
      list.appendChild(el("dd", {}, v));
    }
    return list;
  }

  function sentence(start, end, marks) {
    // the sentence with the marked spans (trigger, cue, quote) wrapped in <mark>
    const quote = el("blockquote");
    let at = start;
    for (const [s, e] of marks.filter(m => m[0] >= start && m[1] <= end).sort((a, b) => a[0] - b[0])) {
      if (s < at) continue;
      quote.appendChild(document.createTextNode(text.slice(at, s)));
      quote.appendChild(el("mark", {}, text.slice(s, e)));
      at = e;
    }
    quote.appendChild(document.createTextNode(text.slice(at, end)));
    return quote;
  }

  function eventItem(i) {
    const e = record.events[i];
    const flags = ["negated", "hypothetical", "future", "hedged"].filter(f => e[f]);
    const c = e.cameo || {};
    return el("div", {class: "item"}, [
      el("h3", {}, ["#" + (i + 1) + " ", el("span", {class: "etype q" + c.quad_class}, e.type), " ",
        el("small", {class: "muted"}, "CAMEO " + c.code + " · QuadClass " + c.quad_class + " (" +
          (QUADS[c.quad_class] || "?") + ") · Goldstein " + (c.goldstein === null ? "–" : c.goldstein))]),
      dl([
        ["source", actorLink(e.source)],
        ["target", actorLink(e.target)],
        ["date", (e.date || "–") + (e.date_text ? " (“" + e.date_text + "”)" : " (publication date)")],
        ["place", e.place ? e.place.name + (e.place.country ? ", " + e.place.country : "") : null],
        ["modality", flags.length ? flags.join(", ") : "reported as fact"],
        ["attributed to", e.attributed_to ? actorLink(e.attributed_to) : null],
        ["mode", e.mode],
        ["confidence", String(e.confidence)],
      ]),
      sentence(e.sentence.start, e.sentence.end, [[e.trigger.start, e.trigger.end]]),
      el("p", {class: "explanation"}, [el("strong", {}, "why: "), e.explanation || "–"]),
    ]);
  }

  function actorItem(i) {
    const a = record.actors[i];
    const name = page.corpus ? el("a", {href: "/actor/" + encodeURIComponent(a.id)}, a.name) : a.name;
    const roles = record.events.filter(e => (e.source && e.source.actor === a.id) || (e.target && e.target.actor === a.id)).length;
    return el("div", {class: "item"}, [
      el("h3", {}, ["Actor: ", name]),
      dl([["id", a.id], ["kind", a.kind], ["country", a.country], ["CAMEO", a.cameo], ["sector", a.sector],
          ["Wikidata", a.wikidata], ["mentions", String(a.mentions.length) + ": " +
            Array.from(new Set(a.mentions.map(m => m.text))).join(", ")],
          ["in events", String(roles)]]),
    ]);
  }

  function quoteItem(i) {
    const q = record.quotes[i];
    const marks = [[q.start, q.end]];
    if (q.cue) marks.push([q.cue.start, q.cue.end]);
    const lo = Math.min(q.start, q.cue ? q.cue.start : q.start);
    const hi = Math.max(q.end, q.cue ? q.cue.end : q.end);
    return el("div", {class: "item"}, [
      el("h3", {}, ["Quote (" + q.kind + ")"]),
      dl([["speaker", actorLink(q.speaker)], ["cue", q.cue ? "“" + q.cue.text + "”" : null],
          ["confidence", String(q.confidence)]]),
      sentence(lo, hi, marks),
    ]);
  }

  function placeItem(i) {
    const p = record.places[i];
    return el("div", {class: "item"}, [el("h3", {}, "Place: " + p.name),
      dl([["country", p.country], ["coordinates", p.lat !== null ? p.lat + ", " + p.lon : null],
          ["GeoNames id", p.geonameid !== null ? String(p.geonameid) : null], ["in text", "“" + text.slice(p.start, p.end) + "”"]])]);
  }

  function dateItem(i) {
    const d = record.dates[i];
    return el("div", {class: "item"}, [el("h3", {}, "Date: " + d.value),
      dl([["in text", "“" + d.text + "”"], ["granularity", d.granularity],
          ["anchored on", record.published || "no publication date"]])]);
  }

  const builders = {trigger: eventItem, event: eventItem, actor: actorItem, quote: quoteItem, place: placeItem, date: dateItem};

  function clearMarks() {
    document.querySelectorAll(".active, .role-source, .role-target").forEach(n => n.classList.remove("active", "role-source", "role-target"));
  }

  function markActor(ref, cls) {
    if (!ref) return;
    document.querySelectorAll('#article-text .hl-actor[data-start="' + ref.start + '"]').forEach(n => n.classList.add(cls));
  }

  function show(kind, refs, scroll) {
    if (kind === "event") kind = "trigger";
    clearMarks();
    panel.replaceChildren(el("h2", {}, "Evidence"));
    for (const i of refs) {
      const build = builders[kind];
      if (build && !isNaN(i)) panel.appendChild(build(i));
    }
    if (kind === "trigger") {
      for (const i of refs) {
        const e = record.events[i];
        document.querySelectorAll('#article-text .hl-trigger').forEach(function (n) {
          if (n.dataset.refs.split(",").map(Number).includes(i)) n.classList.add("active");
        });
        markActor(e.source, "role-source");
        markActor(e.target, "role-target");
        const row = document.getElementById("row-" + i);
        if (row) row.classList.add("active");
      }
    } else {
      document.querySelectorAll('#article-text [data-kind="' + kind + '"]').forEach(function (n) {
        if (n.dataset.refs.split(",").map(Number).some(r => refs.includes(r))) n.classList.add("active");
      });
    }
    if (scroll) {
      const target = document.querySelector("#article-text .active");
      if (target) target.scrollIntoView({block: "center", behavior: "smooth"});
    }
  }

  function refsOf(node) {
    return (node.dataset.refs || node.dataset.event || "").split(",").filter(s => s !== "").map(Number);
  }

  function select(kind, refs, scroll) {
    pinned = [kind, refs];
    show(kind, refs, scroll);
  }

  function restore() {
    if (pinned) show(pinned[0], pinned[1], false);
  }

  const textBox = document.getElementById("article-text");
  textBox.querySelectorAll("[data-kind]").forEach(function (node) {
    const kind = node.dataset.kind;
    node.addEventListener("click", function (ev) { ev.stopPropagation(); select(kind, refsOf(node), false); });
    node.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); ev.stopPropagation(); select(kind, refsOf(node), false); }
    });
    node.addEventListener("focus", function (ev) { ev.stopPropagation(); select(kind, refsOf(node), false); });
    node.addEventListener("mouseover", function (ev) { ev.stopPropagation(); show(kind, refsOf(node), false); });
    node.addEventListener("mouseout", function (ev) { ev.stopPropagation(); restore(); });
  });

  document.querySelectorAll("tr[data-event]").forEach(function (row) {
    const refs = refsOf(row);
    row.addEventListener("click", function () { select("event", refs, true); });
    row.addEventListener("mouseenter", function () { show("event", refs, false); });
    row.addEventListener("mouseleave", restore);
  });

  // /article/ID#EVENT_ID selects that event
  if (location.hash.length > 1) {
    let id = location.hash.slice(1);
    try { id = decodeURIComponent(id); } catch (err) { /* keep it as it is */ }
    const i = record.events.findIndex(e => e.id === id);
    if (i >= 0) select("event", [i], true);
  }
})();
