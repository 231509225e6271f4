(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("report-data").textContent);
  var R = D.requests; // [file, id, client, method, url, host, start, dur, status, error, incomplete, conns, segs, marks, signals, hops, detailDropped]
  var ROW = 22, OVERSCAN = 12;
  var PH = D.phases.map(function (p) { return p[0]; });
  var $ = function (id) { return document.getElementById(id); };

  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }
  function ms(v) {
    if (v == null || v < 0) return "–";
    if (v >= 10000) return (v / 1000).toFixed(1) + " s";
    if (v >= 1000) return (v / 1000).toFixed(2) + " s";
    if (v >= 100) return v.toFixed(0) + " ms";
    if (v >= 10) return v.toFixed(1) + " ms";
    return v.toFixed(2) + " ms";
  }
  function num(v) { // milliseconds without the unit, for the dense summary table
    return v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);
  }
  function pathOf(url) {
    var m = /^[a-z][a-z0-9+.-]*:\/\/[^\/?#]*(.*)$/i.exec(url || "");
    return m ? (m[1] || "/") : (url || "");
  }
  function statusText(r) {
    if (r[9] != null) return r[8] ? r[8] + " failed" : "failed";
    return r[8] ? String(r[8]) : (r[10] ? "?" : "");
  }

  // ------------------------------------------------------------------ header and input problems
  var P = D.problems;
  $("meta").textContent = R.length + " requests · " + D.files.length + " file" + (D.files.length === 1 ? "" : "s") +
    " (" + D.files.join(", ") + ") · " + P.lines + " lines · span " + ms(D.span) +
    (D.t0 ? " from " + D.t0 : "") + " · generated " + D.generated;

  (function problems() {
    var parts = [];
    function add(n, text) { if (n) parts.push(n + " " + text); }
    add(P.malformed, "lines not JSON (skipped)");
    add(P.notSignal, "JSON lines that are not signals (skipped)");
    var unknown = Object.keys(P.unknownSignals);
    if (unknown.length) {
      parts.push(unknown.map(function (k) { return P.unknownSignals[k]; }).reduce(function (a, b) { return a + b; }, 0) +
        " lines with unknown signals (skipped: " + unknown.join(", ") + ")");
    }
    add(P.afterEnd, "signals after their request ended (skipped)");
    add(P.duplicateStarts, "requests started twice with one id (split)");
    add(P.withoutStart, "requests without request_start (shown as incomplete)");
    add(P.withoutEnd, "requests without an end (shown as incomplete)");
    add(P.detailOmitted, "requests whose signal fields were left out to keep the page small");
    if (!parts.length) return;
    var el = $("problems");
    el.hidden = false;
    el.innerHTML = "<b>Input problems:</b> " + esc(parts.join("; ")) +
      (P.examples.length ? "<ul>" + P.examples.map(function (e) { return "<li>" + esc(e) + "</li>"; }).join("") + "</ul>" : "");
  })();

  // ------------------------------------------------------------------ per-host summary
  (function summary() {
    var phasesPresent = PH.filter(function (p) {
      return D.summary.some(function (s) { return s.phases[p]; });
    });
    var h = "<thead><tr><th class='host'>host</th><th>requests</th><th>failed</th><th>4xx</th><th>5xx</th>" +
      "<th>incomplete</th><th>total ms<br>p50 / p90 / p99</th><th>latency<br>distribution</th>" +
      "<th>open connections<br>over time</th><th>connections<br>created / reused</th>" +
      "<th>queued<br>(wait p50 / p90 / max)</th>";
    phasesPresent.forEach(function (p) {
      h += "<th>" + esc(D.phases[PH.indexOf(p)][1]) + " ms<br>p50 / p90 / p99</th>";
    });
    h += "</tr></thead><tbody>";
    D.summary.forEach(function (s, i) {
      h += "<tr class='" + (i === 0 ? "all" : "") + "'><td class='host'>" + esc(s.host) + "</td><td>" + s.requests +
        "</td><td>" + s.failed + "</td><td>" + s.status4xx + "</td><td>" + s.status5xx + "</td><td>" + s.incomplete +
        "</td><td class='pct'>" + pct(s.total) + "</td>" +
        "<td><canvas class='hist' data-i='" + i + "' width='150' height='34'></canvas></td>" +
        "<td><canvas class='open' data-i='" + i + "' width='170' height='34'></canvas></td>" +
        "<td>" + s.created + " / " + s.reused + "</td><td class='pct'>" + s.queued +
        (s.queued ? " (" + ms(s.queueWait[1]) + " / " + ms(s.queueWait[2]) + " / " + ms(s.queueWait[4]) + ")" : "") +
        "</td>";
      phasesPresent.forEach(function (p) { h += "<td class='pct'>" + pct(s.phases[p]) + "</td>"; });
      h += "</tr>";
    });
    $("summary").innerHTML = h + "</tbody>";
    function pct(p) {
      if (!p || !p[0]) return "<span class='na'>–</span>";
      return num(p[1]) + " / " + num(p[2]) + " / " + num(p[3]);
    }
    var edges = D.histogramEdges;
    Array.prototype.forEach.call(document.querySelectorAll("#summary canvas.hist"), function (c) {
      var s = D.summary[+c.dataset.i];
      bars(c, s.histogram, "#1e88e5");
      c.title = "requests by total time: " + s.histogram.map(function (n, i) {
        return (i === 0 ? "≤" + edges[0] : i === edges.length ? ">" + edges[i - 1] : "≤" + edges[i]) + " ms: " + n;
      }).join(", ");
    });
    Array.prototype.forEach.call(document.querySelectorAll("#summary canvas.open"), function (c) {
      var s = D.summary[+c.dataset.i];
      area(c, s.open);
      c.title = "connections in use over the " + ms(D.span) + " of the log (max " + Math.max.apply(null, s.open) + ")";
    });
  })();

  function scaled(c) {
    var r = window.devicePixelRatio || 1, w = c.width, h = c.height;
    c.style.width = w + "px"; c.style.height = h + "px";
    c.width = w * r; c.height = h * r;
    var g = c.getContext("2d");
    g.scale(r, r);
    return { g: g, w: w, h: h };
  }
  function bars(c, values, color) {
    var s = scaled(c), max = Math.max.apply(null, values.concat([1])), bw = s.w / values.length;
    s.g.fillStyle = "#f5f5f5"; s.g.fillRect(0, 0, s.w, s.h);
    s.g.fillStyle = color;
    values.forEach(function (v, i) {
      var bh = v ? Math.max(1, (s.h - 2) * v / max) : 0;
      s.g.fillRect(i * bw + 0.5, s.h - bh, bw - 1, bh);
    });
  }
  function area(c, values) {
    var s = scaled(c), max = Math.max.apply(null, values.concat([1])), step = s.w / Math.max(1, values.length - 1);
    s.g.fillStyle = "#f5f5f5"; s.g.fillRect(0, 0, s.w, s.h);
    s.g.beginPath(); s.g.moveTo(0, s.h);
    values.forEach(function (v, i) { s.g.lineTo(i * step, s.h - (s.h - 3) * v / max); });
    s.g.lineTo(s.w, s.h); s.g.closePath();
    s.g.fillStyle = "rgba(255,152,0,.35)"; s.g.fill();
    s.g.strokeStyle = "#ef6c00"; s.g.stroke();
  }

  // ------------------------------------------------------------------ legend, filters
  $("legend").innerHTML = D.phases.map(function (p) {
    return "<span style='--c:var(--" + p[0] + ")'>" + esc(p[1]) + "</span>";
  }).join("") + "<span style='--c:var(--redirect)'>redirect</span><span style='--c:var(--retry)'>retry</span>" +
    "<span style='--c:var(--fail)'>failure</span><span style='--c:#eceff1'>no phase signals</span>";

  function options(sel, names, allLabel) {
    sel.innerHTML = "<option value=''>" + esc(allLabel) + "</option>" + names.map(function (n, i) {
      return "<option value='" + i + "'>" + esc(n) + "</option>";
    }).join("");
  }
  options($("f-host"), D.hosts, "all hosts");
  options($("f-client"), D.clients, "all clients");

  var view = [], selected = -1, scaleRow = false;
  function applyFilters() {
    var host = $("f-host").value, client = $("f-client").value, st = $("f-status").value;
    var h = host === "" ? -1 : +host, c = client === "" ? -1 : +client;
    view = [];
    for (var i = 0; i < R.length; i++) {
      var r = R[i];
      if (h >= 0 && r[5] !== h) continue;
      if (c >= 0 && r[2] !== c) continue;
      if (st) {
        if (st === "failed") { if (r[9] == null) continue; }
        else if (st === "incomplete") { if (r[10] == null) continue; }
        else if (Math.floor(r[8] / 100) !== +st) continue;
      }
      view.push(i);
    }
    if ($("f-sort").value === "duration") {
      view.sort(function (a, b) { return R[b][7] - R[a][7] || a - b; });
    }
    scaleRow = $("f-scale").value === "row";
    $("count").textContent = "showing " + view.length + " of " + R.length + " requests";
    $("wf-spacer").style.height = view.length * ROW + "px";
    axis();
    render(true);
  }
  ["f-host", "f-client", "f-status", "f-sort", "f-scale"].forEach(function (id) {
    $(id).addEventListener("change", applyFilters);
  });

  function axis() {
    var el = $("axis"), span = D.span || 1, html = "";
    if (scaleRow) { el.innerHTML = "<span class='tick' style='left:0'>0 … each row's own total</span>"; return; }
    var step = niceStep(span / 6);
    for (var t = 0; t <= span; t += step) {
      html += "<span class='tick' style='left:" + (100 * t / span) + "%'>" + ms(t) + "</span>";
    }
    el.innerHTML = html;
  }
  function niceStep(x) {
    var p = Math.pow(10, Math.floor(Math.log10(Math.max(x, 0.001)))), m = x / p;
    return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
  }

  // ------------------------------------------------------------------ virtualised rows
  var scroller = $("wf-scroll"), rowsEl = $("wf-rows"), lastFirst = -1, lastLast = -1, pending = false;
  function render(force) {
    var top = scroller.scrollTop, height = scroller.clientHeight || 600;
    var first = Math.max(0, Math.floor(top / ROW) - OVERSCAN);
    var last = Math.min(view.length, Math.ceil((top + height) / ROW) + OVERSCAN);
    if (!force && first === lastFirst && last === lastLast) return;
    lastFirst = first; lastLast = last;
    var html = "";
    for (var v = first; v < last; v++) html += rowHtml(view[v], v);
    rowsEl.style.transform = "translateY(" + first * ROW + "px)";
    rowsEl.innerHTML = html;
  }
  scroller.addEventListener("scroll", function () {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () { pending = false; render(false); });
  }, { passive: true });
  window.addEventListener("resize", function () { render(true); });

  function rowHtml(i, v) {
    var r = R[i], span = D.span || 1, dur = r[7];
    var failed = r[9] != null, cls = "row" + (failed ? " failed" : "") + (r[10] != null ? " incomplete" : "") +
      (i === selected ? " selected" : "");
    var conns = r[11].map(function (c) {
      return c[1] ? "#" + c[0] : "<span class='new' title='new connection'>#" + c[0] + "+</span>";
    }).join(" ");
    var left = scaleRow ? 0 : 100 * r[6] / span, width = scaleRow ? 100 : 100 * dur / span;
    var segs = "", g = r[12], k = r[13], d = dur || 1;
    for (var s = 0; s < g.length; s += 4) {
      segs += "<div class='seg seg-" + PH[g[s]] + (g[s + 3] ? " failed" : "") + "' style='left:" + (100 * g[s + 1] / d) +
        "%;width:" + (100 * (g[s + 2] - g[s + 1]) / d) + "%' title='" + esc(D.phases[g[s]][1] + " " + ms(g[s + 2] - g[s + 1])) + "'></div>";
    }
    for (var m = 0; m < k.length; m++) {
      segs += "<div class='mark mark-" + k[m][0] + "' style='left:" + (100 * k[m][1] / d) + "%' title='" +
        esc(k[m][0] + " at " + ms(k[m][1]) + (k[m][2] ? ": " + k[m][2] : "")) + "'></div>";
    }
    var err = failed ? "<span class='errtext' style='left:" + Math.min(left + width, 80) + "%'>" + esc(r[9]) + "</span>" : "";
    var title = r[10] != null ? "incomplete: " + r[10] : r[3] + " " + r[4];
    return "<div class='" + cls + "' data-i='" + i + "' data-v='" + v + "' title='" + esc(title) + "'><div class='cols'>" +
      "<span class='c-method'>" + esc(r[3] || "") + "</span>" +
      "<span class='c-url'>" + esc(D.hosts[r[5]] + pathOf(r[4])) + "</span>" +
      "<span class='c-status'>" + esc(statusText(r)) + "</span>" +
      "<span class='c-client'>" + esc(D.clients[r[2]]) + "</span>" +
      "<span class='c-conn'>" + conns + "</span>" +
      "<span class='c-dur'" + (r[15] > 1 ? " title='" + r[15] + " hops (redirects, retries)'>" + ms(dur) + " ·" + r[15] : ">" + ms(dur)) +
      "</span></div>" +
      "<div class='c-bar'><div class='bar' style='left:" + left + "%;width:" + width + "%'>" + segs + "</div>" + err + "</div></div>";
  }

  // ------------------------------------------------------------------ detail of one request
  rowsEl.addEventListener("click", function (e) {
    var row = e.target.closest(".row");
    if (!row) return;
    selected = +row.dataset.i;
    render(true);
    showDetail(selected);
  });
  function showDetail(i) {
    var r = R[i], el = $("detail");
    var h = "<button class='close' title='close'>×</button><h3>" + esc((r[3] || "") + " " + (r[4] || "")) + "</h3>" +
      "<p class='facts'><b>status</b> " + esc(statusText(r) || "–") + " · <b>total</b> " + ms(r[7]) +
      " · <b>client</b> " + esc(D.clients[r[2]]) + " · <b>request</b> " + r[1] + " in " + esc(D.files[r[0]]) +
      (r[11].length ? " · <b>connections</b> " + r[11].map(function (c) { return "#" + c[0] + (c[1] ? " reused" : " new"); }).join(", ") : "") +
      (r[15] > 1 ? " · <b>hops</b> " + r[15] : "") +
      (r[9] != null ? "<br><b>error</b> " + esc(r[9]) : "") + (r[10] != null ? "<br><b>incomplete</b> " + esc(r[10]) : "") +
      (r[16] ? "<br>signal fields left out (page size budget)" : "") + "</p>" +
      "<table><thead><tr><th>signal</th><th>+ms</th><th>fields</th></tr></thead><tbody>";
    r[14].forEach(function (s) {
      h += "<tr class='sig'><td>" + esc(D.signals[s[0]]) + "</td><td class='t'>" + s[1].toFixed(3) + "</td><td><pre>" +
        (s.length > 2 ? esc(fields(s[2])) : "") + "</pre></td></tr>";
    });
    el.innerHTML = h + "</tbody></table>";
    el.hidden = false;
    el.querySelector(".close").addEventListener("click", function () { el.hidden = true; });
  }
  function fields(f) {
    return Object.keys(f).map(function (k) {
      var v = f[k];
      if (k === "headers" && v && typeof v === "object") {
        var names = Object.keys(v);
        return "headers:" + (names.length ? "\n" + names.map(function (n) {
          return "  " + n + ": " + [].concat(v[n]).join(", ");
        }).join("\n") : " (none)");
      }
      if (k === "error" && v && typeof v === "object") {
        return "error: " + v.type + (v.message != null ? ": " + v.message : "");
      }
      return k + ": " + (typeof v === "object" ? JSON.stringify(v) : v);
    }).join("\n");
  }
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") $("detail").hidden = true; });

  applyFilters();
  window.httpsignalsReport = { requests: R.length, readyAt: performance.now() };
  document.body.setAttribute("data-ready", "true");
})();
