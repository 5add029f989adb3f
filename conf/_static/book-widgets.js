// Widgets a reader answers (lessons.charts.widgets): predict, then reveal, and the
// backpropagation stepper. Every number comes with the page (<script class="book-widget-data">),
// computed when the book was built. Before the reader commits a guess the result is not
// in the page at all: the script writes it in on commit (and removes the no-JavaScript
// toggle that shows it), so neither the eye nor a screen reader meets it early.
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var W = 320, H = 240, M = {left: 48, right: 24, top: 12, bottom: 40};
  var count = 0;

  function make(node, attrs, parent, text) {
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    if (parent) parent.appendChild(node);
    return node;
  }
  function el(tag, attrs, parent, text) { return make(document.createElement(tag), attrs, parent, text); }
  function sv(tag, attrs, parent, text) { return make(document.createElementNS(SVG, tag), attrs, parent, text); }
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, k) { return values[k]; });
  }
  function number(lang) {
    return function (value, digits) {
      var text = new Intl.NumberFormat(lang, {
        minimumFractionDigits: digits, maximumFractionDigits: digits,
      }).format(value);
      if (Number(text.replace(/[^\d.-]/g, "")) === 0) text = text.replace("-", "");
      return text.replace("-", "\u2212");
    };
  }

  // --- a small plot: linear x, linear or log y, axes with a few ticks
  function ticks(lo, hi, n) {
    var raw = (hi - lo) / n, mag = Math.pow(10, Math.floor(Math.log10(raw))), step = 10 * mag;
    [1, 2, 5].some(function (m) { if (m * mag >= raw) { step = m * mag; return true; } return false; });
    var out = [];
    for (var v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(+v.toFixed(10));
    return out;
  }
  function plot(parent, o, format) {
    var svg = sv("svg", {viewBox: "0 0 " + W + " " + H, class: "book-widget-plot",
      role: "img", "aria-labelledby": o.label});
    parent.appendChild(svg);
    var x0 = M.left, x1 = W - M.right, y0 = H - M.bottom, y1 = M.top;
    var ly = o.log ? Math.log10 : function (v) { return v; };
    var lx = o.logx ? Math.log10 : function (v) { return v; };
    var ix = o.logx ? function (v) { return Math.pow(10, v); } : function (v) { return v; };
    var sx = function (v) { return x0 + (lx(v) - lx(o.x[0])) / (lx(o.x[1]) - lx(o.x[0])) * (x1 - x0); };
    var sy = function (v) { return y0 + (ly(v) - ly(o.y[0])) / (ly(o.y[1]) - ly(o.y[0])) * (y1 - y0); };
    var axes = sv("g", {class: "book-widget-axes"}, svg);
    var xs = o.logx ? [] : ticks(o.x[0], o.x[1], 5);
    if (o.logx) for (var e = Math.ceil(Math.log10(o.x[0])); e <= Math.floor(Math.log10(o.x[1])); e++) xs.push(Math.pow(10, e));
    xs.forEach(function (v) {
      sv("line", {x1: sx(v), x2: sx(v), y1: y0, y2: y0 + 4}, axes);
      sv("text", {x: sx(v), y: y0 + 15, "text-anchor": "middle"}, axes, format(v, 0));
    });
    var ys = o.log ? [] : ticks(o.y[0], o.y[1], 5);
    if (o.log) for (var k = Math.ceil(Math.log10(o.y[0])); k <= Math.floor(Math.log10(o.y[1])); k++) ys.push(Math.pow(10, k));
    ys.forEach(function (v) {
      sv("line", {x1: x0, x2: x1, y1: sy(v), y2: sy(v), class: "book-widget-grid"}, axes);
      var label = o.log ? (v >= 1 && v < 1e3 ? format(v, 0) : "10" + String(Math.round(Math.log10(v)))
        .replace(/-/, "\u207b").replace(/\d/g, function (d) { return "⁰¹²³⁴⁵⁶⁷⁸⁹"[d]; })) : format(v, 0);
      sv("text", {x: x0 - 6, y: sy(v) + 4, "text-anchor": "end"}, axes, label);
    });
    sv("line", {x1: x0, x2: x1, y1: y0, y2: y0}, axes);
    sv("line", {x1: x0, x2: x0, y1: y0, y2: y1}, axes);
    sv("text", {x: (x0 + x1) / 2, y: H - 6, "text-anchor": "middle", class: "book-widget-axis-title"}, axes, o.titles.x);
    sv("text", {x: -(y0 + y1) / 2, y: 12, transform: "rotate(-90)", "text-anchor": "middle",
      class: "book-widget-axis-title"}, axes, o.titles.y);
    var id = "book-clip-" + (++count);
    sv("rect", {x: x0, y: y1, width: x1 - x0, height: y0 - y1}, sv("clipPath", {id: id}, sv("defs", {}, svg)));
    var inner = sv("g", {"clip-path": "url(#" + id + ")"}, svg);
    return {svg: svg, g: inner, sx: sx, sy: sy, x0: x0, x1: x1, y0: y0, y1: y1,
      invert: function (px) { return ix(lx(o.x[0]) + (px - x0) / (x1 - x0) * (lx(o.x[1]) - lx(o.x[0]))); },
      invertY: function (py) { return o.y[0] + (py - y0) / (y1 - y0) * (o.y[1] - o.y[0]); }};
  }
  function path(p, xs, ys, cls, parent) {
    var d = xs.map(function (x, i) { return (i ? "L" : "M") + p.sx(x).toFixed(1) + "," + p.sy(ys[i]).toFixed(1); }).join("");
    return sv("path", {d: d, class: cls}, parent || p.g);
  }
  function svgPoint(svg, event) {
    var box = svg.getBoundingClientRect();
    return {x: (event.clientX - box.left) / box.width * W, y: (event.clientY - box.top) / box.height * H};
  }

  // --- the frame every question shares: its controls, a commit button, the result
  function reveal(root) {
    var data = JSON.parse(root.querySelector("script.book-widget-data").textContent);
    var words = data.words, lang = root.getAttribute("lang") || "en", format = number(lang);
    var toggle = root.querySelector("details.book-widget-static");
    var live = el("div", {class: "book-widget-live"}, root);
    var controls = el("div", {class: "book-widget-controls"});
    var buttons = el("div", {class: "book-widget-buttons"});
    var commit = el("button", {type: "button", class: "book-widget-commit"}, buttons, words.commit);
    var again = el("button", {type: "button", class: "book-widget-again", hidden: ""}, buttons, words.again);
    var result = el("div", {class: "book-widget-result", "aria-live": "polite"});
    var widget = KINDS[data.kind](root, data, words, format, live, controls);
    live.appendChild(controls); live.appendChild(buttons); live.appendChild(result);
    function setCommitted(done) {
      root.classList.toggle("book-widget-committed", done);
      controls.querySelectorAll("input").forEach(function (i) { i.disabled = done; });
      commit.hidden = done; again.hidden = !done;
    }
    commit.addEventListener("click", function () {
      if (!widget.ready()) { widget.focus(); return; }
      setCommitted(true);
      result.replaceChildren();
      var p = el("p", {}, result);
      el("strong", {}, p, widget.reveal());
      el("span", {}, p, " " + data.why);
      again.focus();
    });
    again.addEventListener("click", function () {
      setCommitted(false); result.replaceChildren(); widget.hide(); widget.focus();
    });
    root.bookWidget = {commit: function () { commit.click(); }, again: function () { again.click(); },
      set: widget.set, state: widget.state};
    if (toggle) toggle.remove();  // last: a failure above leaves the toggle (startAll)
    root.classList.add("book-widget-ready");
  }

  function slider(parent, label, range, step, value, format, digits, onInput) {
    var row = el("label", {class: "book-widget-slider"}, parent);
    el("span", {class: "book-widget-slider-name"}, row, label);
    var input = el("input", {type: "range", min: range[0], max: range[1], step: step, value: value}, row);
    var out = el("output", {"aria-hidden": "true"}, row);
    function show() {
      out.textContent = format(Number(input.value), digits);
      input.setAttribute("aria-valuetext", out.textContent);
    }
    input.addEventListener("input", function () { show(); onInput(Number(input.value)); });
    show();
    return {input: input, set: function (v) { input.value = v; show(); }};
  }

  var KINDS = {};

  // chapter 4: a line through the points
  KINDS.line = function (root, data, words, format, live, controls) {
    var top = data.top, a = data.start.a, b = data.start.b;
    var p = plot(live, {x: [0, top], y: [0, top], titles: data.titles, label: root.id + "-question"}, format);
    var residuals = sv("g", {class: "book-widget-residuals"}, p.g);
    var bestLine = sv("line", {class: "book-widget-best", hidden: ""}, p.g);
    var guess = sv("line", {class: "book-widget-guess"}, p.g);
    var legend = sv("g", {class: "book-widget-legend", hidden: ""}, p.svg);
    sv("text", {x: p.x0 + 8, y: p.y1 + 12, class: "book-widget-guess-label"}, legend, "\u2014 " + words.yours);
    sv("text", {x: p.x0 + 8, y: p.y1 + 26, class: "book-widget-best-label"}, legend, "- - " + words.best);
    data.points.forEach(function (pt) { sv("circle", {cx: p.sx(pt[0]), cy: p.sy(pt[1]), r: 5, class: "book-widget-dot"}, p.g); });
    var handleX = [0.2 * top, 0.8 * top];
    var handles = handleX.map(function () {
      return sv("circle", {r: 8, class: "book-widget-handle", "aria-hidden": "true"}, p.svg);
    });
    var sa = slider(controls, words.slope, data.ranges.a, 0.05, a, format, 2, function (v) { a = v; draw(); });
    var sb = slider(controls, words.intercept, data.ranges.b, 0.05, b, format, 2, function (v) { b = v; draw(); });
    function line(node, slope, intercept) {
      node.setAttribute("x1", p.sx(0)); node.setAttribute("y1", p.sy(intercept));
      node.setAttribute("x2", p.sx(top)); node.setAttribute("y2", p.sy(slope * top + intercept));
    }
    function draw() {
      line(guess, a, b);
      residuals.replaceChildren();
      data.points.forEach(function (pt) {
        sv("line", {x1: p.sx(pt[0]), x2: p.sx(pt[0]), y1: p.sy(pt[1]), y2: p.sy(a * pt[0] + b)}, residuals);
      });
      handles.forEach(function (h, i) {
        h.setAttribute("cx", p.sx(handleX[i]));
        h.setAttribute("cy", Math.max(p.y1, Math.min(p.y0, p.sy(a * handleX[i] + b))));
      });
    }
    function clamp(v, r) { return Math.round(Math.max(r[0], Math.min(r[1], v)) * 20) / 20; }
    function set(slope, intercept) {
      a = clamp(slope, data.ranges.a); b = clamp(intercept, data.ranges.b);
      sa.set(a); sb.set(b); draw();
    }
    var dragging = -1;
    handles.forEach(function (h, i) {
      h.addEventListener("pointerdown", function (e) {
        if (root.classList.contains("book-widget-committed")) return;
        dragging = i; h.setPointerCapture(e.pointerId); e.preventDefault();
      });
      h.addEventListener("pointermove", function (e) {
        if (dragging !== i) return;
        var y = p.invertY(svgPoint(p.svg, e).y);
        var other = 1 - i, yo = a * handleX[other] + b;
        var slope = (y - yo) / (handleX[i] - handleX[other]);
        set(slope, yo - slope * handleX[other]);
      });
      ["pointerup", "pointercancel"].forEach(function (n) { h.addEventListener(n, function () { dragging = -1; }); });
    });
    function loss(slope, intercept) {
      return data.points.reduce(function (s, pt) { var r = pt[1] - slope * pt[0] - intercept; return s + r * r; }, 0);
    }
    function lineText(slope, intercept) {
      var sign = Math.round(intercept * 100) < 0 ? "\u2212" : "+";
      return format(slope, 2) + "x " + sign + " " + format(Math.abs(intercept), 2);
    }
    draw();
    return {
      ready: function () { return true; },
      focus: function () { sa.input.focus(); },
      set: set,
      state: function () { return {a: a, b: b, loss: loss(a, b)}; },
      reveal: function () {
        line(bestLine, data.best.a, data.best.b); bestLine.removeAttribute("hidden"); legend.removeAttribute("hidden");
        var yours = loss(a, b), best = data.best.loss;
        var values = {a: lineText(a, b), yours: format(yours, 2), best: lineText(data.best.a, data.best.b),
          best_loss: format(best, 2), gap: format(yours - best, 2), ratio: format(yours / best, 1)};
        return fill(format(yours - best, 2) === format(0, 2) ? words.line_same : words.line_result, values);
      },
      hide: function () { bestLine.setAttribute("hidden", ""); legend.setAttribute("hidden", ""); },
    };
  };

  function extent(lists) {
    var lo = Infinity, hi = -Infinity;
    lists.forEach(function (l) { l.forEach(function (v) { lo = Math.min(lo, v); hi = Math.max(hi, v); }); });
    return [Math.pow(10, Math.floor(Math.log10(lo))), Math.pow(10, Math.ceil(Math.log10(hi)))];
  }

  // chapter 6: which learning rate diverges?
  KINDS.choice = function (root, data, words, format, live, controls) {
    var group = el("div", {role: "radiogroup", "aria-labelledby": root.id + "-question", class: "book-widget-choices"}, controls);
    var name = root.id + "-choice";
    data.runs.forEach(function (run) {
      var label = el("label", {class: "book-widget-choice"}, group);
      el("input", {type: "radio", name: name, value: run.label}, label);
      el("span", {}, label, " " + run.label);
    });
    var holder = el("div", {class: "book-widget-plot-holder", hidden: ""}, live);
    var last = Math.max.apply(null, data.runs.map(function (r) { return r.step[r.step.length - 1]; }));
    function picked() { var c = group.querySelector("input:checked"); return c ? c.value : null; }
    return {
      ready: function () { return picked() !== null; },
      focus: function () { group.querySelector("input").focus(); },
      set: function (label) { group.querySelector("input[value='" + label + "']").checked = true; },
      state: function () { return {picked: picked()}; },
      reveal: function () {
        holder.replaceChildren();
        var p = plot(holder, {x: [0, last], y: extent(data.runs.map(function (r) { return r.loss; })), log: true,
          titles: data.titles, label: root.id + "-question"}, format);
        var chosen = picked();
        data.runs.forEach(function (run, i) {
          var cls = "book-widget-run" + (run.label === data.answer ? " book-widget-diverged" : "") +
            (run.label === chosen ? " book-widget-picked" : "");
          path(p, run.step, run.loss, cls + " book-widget-run-" + i);
          if (run.label !== data.answer && run.label !== chosen) return;
          // the run that diverged is named at its end, the reader's pick a third of the way along
          var n = run.label === data.answer ? run.step.length - 1 : Math.floor(run.step.length / 3);
          sv("text", {x: Math.min(p.sx(run.step[n]) + 4, p.x1 - 2), y: Math.max(p.sy(run.loss[n]) - 8, p.y1 + 10),
            "text-anchor": run.label === data.answer ? "start" : "middle", class: cls + " book-widget-run-label"}, p.svg, run.label);
        });
        holder.removeAttribute("hidden");
        var answer = data.runs.filter(function (r) { return r.label === data.answer; })[0];
        var others = data.runs.filter(function (r) { return r.label !== data.answer; }).map(function (r) {
          return r.label + " \u2192 " + format(r.loss[r.loss.length - 1], 4);
        }).join(", ");
        return (chosen === data.answer ? words.right : words.wrong) + " " + fill(words.choice_result, {
          picked: chosen, answer: data.answer, steps: format(answer.step[answer.step.length - 1], 0),
          loss: format(answer.loss[answer.loss.length - 1], 0), last: format(last, 0), others: others});
      },
      hide: function () { holder.setAttribute("hidden", ""); holder.replaceChildren(); },
    };
  };

  // chapter 7: where will the test loss be lowest?
  KINDS.mark = function (root, data, words, format, live, controls) {
    // steps on a log scale: the first few hundred steps, where most happens, get room
    var first = data.step.findIndex(function (v) { return v > 0; });
    ["step", "train", "test"].forEach(function (k) { data[k] = data[k].slice(first); });
    var low = data.step[0], last = data.step[data.step.length - 1];
    var guess = 0;  // an index into the drawn steps: the slider moves over them
    var middle = Math.sqrt(low * last);
    data.step.forEach(function (v, i) { if (Math.abs(Math.log(v / middle)) < Math.abs(Math.log(data.step[guess] / middle))) guess = i; });
    var p = plot(live, {x: [low, last], logx: true, y: extent([data.train, data.test]), log: true,
      titles: data.titles, label: root.id + "-question"}, format);
    path(p, data.step, data.train, "book-widget-train");
    var test = sv("g", {hidden: ""}, p.g);
    path(p, data.step, data.test, "book-widget-test", test);
    sv("circle", {cx: p.sx(data.best.step), cy: p.sy(data.best.loss), r: 5, class: "book-widget-best-dot"}, test);
    var legend = sv("g", {class: "book-widget-legend"}, p.svg);
    sv("text", {x: p.x1 - 4, y: p.y1 + 12, "text-anchor": "end", class: "book-widget-train-label"}, legend, data.labels.train);
    var testLabel = sv("text", {x: p.x1 - 4, y: p.y1 + 26, "text-anchor": "end", class: "book-widget-test-label", hidden: ""}, legend, data.labels.test);
    var marker = sv("line", {y1: p.y1, y2: p.y0, class: "book-widget-marker"}, p.svg);
    var s = slider(controls, words.step, [0, data.step.length - 1], 1, guess, function (i) {
      return format(data.step[i], 0);
    }, 0, function (v) { guess = v; draw(); });
    function draw() { var x = p.sx(data.step[guess]); marker.setAttribute("x1", x); marker.setAttribute("x2", x); }
    function nearest(step) {
      var best = 0;
      data.step.forEach(function (v, i) { if (Math.abs(Math.log(v / step)) < Math.abs(Math.log(data.step[best] / step))) best = i; });
      return best;
    }
    function set(step) { guess = nearest(Math.max(low, Math.min(last, step))); s.set(guess); draw(); }
    var down = false;
    p.svg.addEventListener("pointerdown", function (e) {
      if (root.classList.contains("book-widget-committed")) return;
      down = true; p.svg.setPointerCapture(e.pointerId); set(p.invert(svgPoint(p.svg, e).x));
    });
    p.svg.addEventListener("pointermove", function (e) { if (down) set(p.invert(svgPoint(p.svg, e).x)); });
    ["pointerup", "pointercancel"].forEach(function (n) { p.svg.addEventListener(n, function () { down = false; }); });
    draw();
    return {
      ready: function () { return true; },
      focus: function () { s.input.focus(); },
      set: set,
      state: function () { return {step: data.step[guess], test: data.test[guess]}; },
      reveal: function () {
        test.removeAttribute("hidden"); testLabel.removeAttribute("hidden");
        var at = data.test[guess], pct = at / data.best.loss - 1;
        var values = {guess: format(data.step[guess], 0), best: format(data.best.step, 0), best_loss: format(data.best.loss, 3),
          at: format(at, 3), pct: format(100 * pct, 0) + "%"};
        return fill(Math.abs(pct) < 0.005 ? words.mark_found : words.mark_result, values);
      },
      hide: function () { test.setAttribute("hidden", ""); testLabel.setAttribute("hidden", ""); },
    };
  };

  // --- the stepper: one step at a time, its lines of code and its values on the picture
  function stepper(root) {
    var words = JSON.parse(root.querySelector("script.book-widget-data").textContent).words;
    var all = root.querySelector("details.book-stepper-all");
    var list = root.querySelector("ol.book-stepper-steps");
    var steps = Array.prototype.slice.call(list.children);
    var lines = root.querySelectorAll(".book-stepper-line");
    var values = root.querySelectorAll(".book-stepper-value");
    var nodes = root.querySelectorAll(".book-stepper-node");
    // the row of buttons comes with the page (hidden without JavaScript) and the CSS has
    // already laid the toggle out as this column: the script only moves them and wires them
    var nav = root.querySelector(".book-stepper-nav");
    var buttons = nav.querySelectorAll("button"), prev = buttons[0], next = buttons[1];
    var where = nav.querySelector(".book-stepper-position");
    var k = 0;
    function show(i) {
      k = Math.max(0, Math.min(steps.length - 1, i));
      steps.forEach(function (s, j) { s.hidden = j !== k; });
      var on = steps[k].dataset.lines.split(",");
      lines.forEach(function (l) { l.classList.toggle("book-stepper-current", on.indexOf(l.dataset.line) >= 0); });
      var shown = JSON.parse(steps[k].dataset.nodes);
      values.forEach(function (v) { v.textContent = shown[v.parentNode.dataset.node] || ""; });
      nodes.forEach(function (n) { n.classList.toggle("book-stepper-current", n.dataset.node in shown); });
      where.textContent = fill(words.position, {k: k + 1, n: steps.length}) + ": " +
        steps[k].querySelector(".book-stepper-name").textContent;
      disable(prev, k === 0, next); disable(next, k === steps.length - 1, prev);
    }
    prev.addEventListener("click", function () { show(k - 1); });
    next.addEventListener("click", function () { show(k + 1); });
    root.bookStepper = {show: show, step: function () { return k; }};
    show(0);
    // last, so a failure above leaves the no-JavaScript toggle whole (startAll)
    var right = el("div", {class: "book-stepper-right"});
    right.appendChild(nav);
    right.appendChild(list);
    nav.hidden = false;
    all.replaceWith(right);  // one step at a time now; the no-JavaScript toggle goes
    root.classList.add("book-widget-ready");
  }

  // A button that disables itself while it has the keyboard's focus hands the focus on
  // (to `other`), or the focus would fall back to the top of the page.
  function disable(button, off, other) {
    if (off && document.activeElement === button && other && !other.disabled) other.focus();
    button.disabled = off;
  }

  // A widget whose set-up fails keeps (or gets back) its no-JavaScript toggle
  // (book-widgets.css: .book-widget-failed), and the others are still set up.
  function each(selector, setUp) {
    document.querySelectorAll(selector).forEach(function (root) {
      try {
        setUp(root);
      } catch (error) {
        root.querySelectorAll(".book-widget-live").forEach(function (live) { live.remove(); });
        root.querySelectorAll(".book-stepper-step").forEach(function (step) { step.hidden = false; });
        root.classList.add("book-widget-failed");
        console.error("widget", root.id, error);
      }
    });
  }
  function startAll() {
    each(".book-reveal", reveal);
    each(".book-stepper", stepper);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", startAll);
  else startAll();
})();
