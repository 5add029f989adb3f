// The digit pad of chapter 8: draw a digit, and a network trained when the book
// was built reads it here, in plain JavaScript. The weights come with the page
// (<script class="book-pad-weights">, from lessons.classifier.export_weights: a layer list).
// The drawing is prepared the way the data were: its strokes are scaled to fill
// the 32×32 frame (full height, aspect kept unless the digit would be wider than
// the data's digits, centred), drawn there with a pen of
// fixed width in the frame's pixels (so a small drawing gets the same strokes as
// a large one), and the ink of each 4×4 block is counted (0–16): the 64 numbers
// the network reads.
(function () {
  "use strict";
  var N = 32, BLOCK = 4, SIDE = 8;
  var PEN = 2.5;    // pen radius in frame pixels: as much ink as the data's digits have on average
  var WIDEST = 24;  // the data's digits fill the frame's height and at most its six middle block columns

  // --- the network: the layer list lessons.network.export writes, run in order
  // (for chapter 8: dense, relu, dense, relu, dense, softmax)
  function dense(x, W, b) {
    var out = b.slice();
    for (var i = 0; i < x.length; i++) {
      if (x[i] === 0) continue;
      for (var j = 0; j < out.length; j++) out[j] += x[i] * W[i][j];
    }
    return out;
  }
  function softmax(z) {
    var top = Math.max.apply(null, z), sum = 0;
    var e = z.map(function (v) { var t = Math.exp(v - top); sum += t; return t; });
    return e.map(function (v) { return v / sum; });
  }
  var KINDS = {
    dense: function (x, L) { return dense(x, L.W, L.b); },
    relu: function (x) { return x.map(function (v) { return Math.max(0, v); }); },
    sigmoid: function (x) { return x.map(function (v) { return 1 / (1 + Math.exp(-v)); }); },
    identity: function (x) { return x; },
    softmax: function (x) { return softmax(x); }
  };
  function probabilities(net, counts) {
    var h = counts.map(function (c) { return c / net.max_count; });
    net.layers.forEach(function (L) { h = KINDS[L.kind](h, L); });
    return h;
  }

  // --- backward and one step, for the stepper and "teach it" under the pad: the chapter's
  // softmax cross-entropy for one example, L = −log p_label, so ∂L/∂scores = p − onehot(label)
  function forwardAll(net, x) {  // x and every layer's output, in order
    var values = [x];
    net.layers.forEach(function (L) { values.push(KINDS[L.kind](values[values.length - 1], L)); });
    return values;
  }
  function denseLayers(net) {
    return net.layers.map(function (L, i) { return L.kind === "dense" ? i : -1; })
      .filter(function (i) { return i >= 0; });
  }
  function trace(net, x, label) {
    var values = forwardAll(net, x), n = net.layers.length, dense = denseLayers(net);
    var scores = values[n - 1], p = values[n], top = Math.max.apply(null, scores);
    var logSum = Math.log(scores.reduce(function (s, v) { return s + Math.exp(v - top); }, 0));
    var d = p.map(function (v, j) { return v - (j === label ? 1 : 0); });
    var grads = {}, back = [];  // back[i]: ∂L/∂(the output of layer i)
    for (var i = n - 2; i >= 0; i--) {
      var L = net.layers[i], input = values[i], out = values[i + 1], down = d;
      back[i] = d;
      if (L.kind === "dense") {
        var k = dense.indexOf(i) + 1;
        grads["W" + k] = input.map(function (v) { return down.map(function (g) { return v * g; }); });
        grads["b" + k] = down.slice();
        d = L.W.map(function (row) { return row.reduce(function (s, w, j) { return s + w * down[j]; }, 0); });
      } else if (L.kind === "relu") d = d.map(function (g, j) { return input[j] > 0 ? g : 0; });
      else if (L.kind === "sigmoid") d = d.map(function (g, j) { return g * out[j] * (1 - out[j]); });
    }
    return {values: values, p: p, loss: logSum + top - scores[label], grads: grads, back: back};
  }
  function stepped(net, grads, alpha) {  // a new network: θ ← θ − α·∂L/∂θ
    var dense = denseLayers(net);
    return Object.assign({}, net, {layers: net.layers.map(function (L, i) {
      var k = dense.indexOf(i) + 1;
      if (!k) return L;
      return {kind: L.kind,
        W: L.W.map(function (row, r) { return row.map(function (w, c) { return w - alpha * grads["W" + k][r][c]; }); }),
        b: L.b.map(function (b, c) { return b - alpha * grads["b" + k][c]; })};
    })});
  }
  function params(net) {  // W1, b1, W2, … as Python names them
    var out = {};
    denseLayers(net).forEach(function (i, k) { out["W" + (k + 1)] = net.layers[i].W; out["b" + (k + 1)] = net.layers[i].b; });
    return out;
  }
  function sameShape(a, b) {
    return a && Array.isArray(a.layers) && a.layers.length === b.layers.length &&
      b.layers.every(function (L, i) {
        var M = a.layers[i];
        return M && M.kind === L.kind && (L.kind !== "dense" || (Array.isArray(M.W) && M.W.length === L.W.length &&
          M.W.every(function (row) { return Array.isArray(row) && row.length === L.b.length && row.every(Number.isFinite); }) &&
          Array.isArray(M.b) && M.b.length === L.b.length && M.b.every(Number.isFinite)));
      });
  }
  // The taught network is kept in this browser only (localStorage), under the pad's id (a hash
  // of the book's weights: a rebuilt book with other weights starts from its own network).
  var STORED = "book-pad-network:";
  function storageKey(root) { return STORED + root.id; }
  function forgetOthers(keep) {  // networks taught on an earlier edition's weights (55 KB each)
    try {
      Object.keys(window.localStorage).forEach(function (key) {
        if (key.indexOf(STORED) === 0 && keep.indexOf(key) < 0) window.localStorage.removeItem(key);
      });
    } catch (e) { /* no storage */ }
  }
  function restore(root, book) {
    try {
      var saved = JSON.parse(window.localStorage.getItem(storageKey(root)));
      if (saved && sameShape(saved.net, book) && saved.taught > 0) return saved;
    } catch (e) { /* no storage, or not ours: the book's network */ }
    return null;
  }
  function keep(root, net, taught) {
    try {
      if (taught > 0) window.localStorage.setItem(storageKey(root), JSON.stringify({net: net, taught: taught}));
      else window.localStorage.removeItem(storageKey(root));
    } catch (e) { /* storage off: the taught network lasts until the page closes */ }
  }

  // --- from strokes (points as fractions of the pad) to a 32×32 bitmap
  function fitToFrame(strokes) {
    var all = [].concat.apply([], strokes);
    var xs = all.map(function (p) { return p.x; }), ys = all.map(function (p) { return p.y; });
    var left = Math.min.apply(null, xs), right = Math.max.apply(null, xs);
    var top = Math.min.apply(null, ys), bottom = Math.max.apply(null, ys);
    // full height; the same scale across unless that makes the digit wider than WIDEST
    var down = (N - 2 * PEN) / (bottom - top), across = Math.min(down, (WIDEST - 2 * PEN) / (right - left));
    if (!isFinite(down)) down = across;  // a flat stroke
    if (!isFinite(down)) down = across = 0;  // a single dot
    return strokes.map(function (stroke) {
      return stroke.map(function (p) {
        return {x: N / 2 + (p.x - (left + right) / 2) * across, y: N / 2 + (p.y - (top + bottom) / 2) * down};
      });
    });
  }
  function near(px, py, a, b) {  // is (px, py) within the pen's reach of the segment a–b?
    var dx = b.x - a.x, dy = b.y - a.y, length = dx * dx + dy * dy;
    var t = length ? Math.max(0, Math.min(1, ((px - a.x) * dx + (py - a.y) * dy) / length)) : 0;
    return Math.pow(px - a.x - t * dx, 2) + Math.pow(py - a.y - t * dy, 2) <= PEN * PEN;
  }
  function drawStrokes(strokes, bitmap) {
    fitToFrame(strokes).forEach(function (stroke) {
      stroke.forEach(function (b, i) {
        var a = stroke[Math.max(0, i - 1)];
        var r0 = Math.max(0, Math.floor(Math.min(a.y, b.y) - PEN)), r1 = Math.min(N - 1, Math.floor(Math.max(a.y, b.y) + PEN));
        var c0 = Math.max(0, Math.floor(Math.min(a.x, b.x) - PEN)), c1 = Math.min(N - 1, Math.floor(Math.max(a.x, b.x) + PEN));
        for (var r = r0; r <= r1; r++) for (var c = c0; c <= c1; c++)
          if (near(c + 0.5, r + 0.5, a, b)) bitmap[r * N + c] = 1;
      });
    });
  }
  function countBlocks(bitmap) {
    var counts = new Array(SIDE * SIDE).fill(0);
    for (var r = 0; r < N; r++) for (var c = 0; c < N; c++)
      counts[Math.floor(r / BLOCK) * SIDE + Math.floor(c / BLOCK)] += bitmap[r * N + c];
    return counts;
  }

  function start(root) {
    var book = JSON.parse(root.querySelector("script.book-pad-weights").textContent);
    var saved = restore(root, book), net = saved ? saved.net : book, taught = saved ? saved.taught : 0;
    var listeners = [];
    var words = JSON.parse(root.querySelector("script.book-pad-strings").textContent);
    var canvas = root.querySelector("canvas.book-pad-canvas");
    var small = root.querySelector("canvas.book-pad-small");
    var readout = root.querySelector(".book-pad-readout");
    var rows = root.querySelectorAll(".book-pad-bar");
    var strokes = [], blocks = new Array(SIDE * SIDE).fill(0);  // blocks: filled with the keyboard
    var bitmap = new Array(N * N).fill(0), counts = null, probs = null;
    var cursor = {r: 3, c: 3}, drawing = false, keyboard = false;
    var ctx = canvas.getContext("2d"), sctx = small.getContext("2d");

    function colour(name) { return getComputedStyle(root).getPropertyValue(name).trim(); }
    function paint() {
      var w = canvas.width, cell = w / SIDE;
      ctx.fillStyle = colour("--book-pad-paper"); ctx.fillRect(0, 0, w, w);
      ctx.fillStyle = ctx.strokeStyle = colour("--book-pad-ink");
      blocks.forEach(function (on, i) { if (on) ctx.fillRect((i % SIDE) * cell, Math.floor(i / SIDE) * cell, cell, cell); });
      ctx.lineWidth = w / 25; ctx.lineCap = ctx.lineJoin = "round";
      strokes.forEach(function (stroke) {
        ctx.beginPath(); ctx.moveTo(stroke[0].x * w, stroke[0].y * w);
        stroke.forEach(function (p) { ctx.lineTo(p.x * w, p.y * w); });
        ctx.stroke();
      });
      if (keyboard && document.activeElement === canvas) {  // the keyboard's grid and cursor
        ctx.strokeStyle = colour("--book-pad-grid"); ctx.lineWidth = 1;
        for (var k = 1; k < SIDE; k++) {
          var at = Math.round(k * cell) + 0.5;
          ctx.beginPath(); ctx.moveTo(at, 0); ctx.lineTo(at, w); ctx.stroke();
          ctx.beginPath(); ctx.moveTo(0, at); ctx.lineTo(w, at); ctx.stroke();
        }
        ctx.strokeStyle = colour("--book-pad-cursor"); ctx.lineWidth = 3;
        ctx.strokeRect(cursor.c * cell + 1.5, cursor.r * cell + 1.5, cell - 3, cell - 3);
      }
      var s = small.width / SIDE;
      for (var j = 0; j < SIDE * SIDE; j++) {
        var shade = counts ? Math.round(255 * (1 - counts[j] / 16)) : 255;
        sctx.fillStyle = "rgb(" + shade + "," + shade + "," + shade + ")";
        sctx.fillRect((j % SIDE) * s, Math.floor(j / SIDE) * s, s, s);
      }
    }
    function percent(p) { return (100 * p).toFixed(1) + "%"; }
    function show() {  // the three likeliest digits, most likely first
      var order = probs ? probs.map(function (p, d) { return d; })
        .sort(function (a, b) { return probs[b] - probs[a]; }) : [];
      rows.forEach(function (row, k) {
        var d = order[k], p = probs ? probs[d] : 0;
        row.querySelector(".book-pad-digit").textContent = probs ? d : "–";
        row.querySelector(".book-sr-only").textContent = probs ? words.digit_label.replace("{digit}", d) + " " : "";
        row.querySelector(".book-pad-fill").style.width = (100 * p).toFixed(1) + "%";
        row.querySelector(".book-pad-number").textContent = probs ? percent(p) : "–";
      });
      readout.textContent = probs ? words.readout.replace("{digit}", order[0])
        .replace("{percent}", (100 * probs[order[0]]).toFixed(0) + "%") : words.empty;
      paint();
      listeners.forEach(function (f) { f(); });
    }
    function setCounts(values) {
      counts = values.slice();
      probs = counts.some(function (v) { return v > 0; }) ? probabilities(net, counts) : null;
      show();
    }
    function update() {
      bitmap = new Array(N * N).fill(0);
      if (strokes.length) drawStrokes(strokes, bitmap);
      blocks.forEach(function (on, i) {
        if (!on) return;
        for (var r = 0; r < BLOCK; r++) for (var c = 0; c < BLOCK; c++)
          bitmap[(Math.floor(i / SIDE) * BLOCK + r) * N + (i % SIDE) * BLOCK + c] = 1;
      });
      setCounts(countBlocks(bitmap));
    }
    function clear() { strokes = []; blocks.fill(0); bitmap.fill(0); counts = null; probs = null; show(); }

    function at(event) {
      var box = canvas.getBoundingClientRect();
      return {x: (event.clientX - box.left) / box.width, y: (event.clientY - box.top) / box.height};
    }
    canvas.addEventListener("pointerdown", function (e) {
      drawing = true; keyboard = false; canvas.setPointerCapture(e.pointerId);
      strokes.push([at(e)]); update(); e.preventDefault();
    });
    canvas.addEventListener("pointermove", function (e) {
      if (drawing) { strokes[strokes.length - 1].push(at(e)); update(); }
    });
    ["pointerup", "pointercancel"].forEach(function (name) {
      canvas.addEventListener(name, function () { drawing = false; });
    });
    canvas.addEventListener("keydown", function (e) {
      var moves = {ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1]};
      keyboard = true;
      if (moves[e.key]) {
        cursor.r = Math.min(SIDE - 1, Math.max(0, cursor.r + moves[e.key][0]));
        cursor.c = Math.min(SIDE - 1, Math.max(0, cursor.c + moves[e.key][1]));
        paint();
      } else if (e.key === " " || e.key === "Enter") {  // fill or empty the block under the cursor
        blocks[cursor.r * SIDE + cursor.c] ^= 1;
        update();
      } else if (e.key === "Delete" || e.key === "Backspace") {
        clear();
      } else return;
      e.preventDefault();
    });
    // Focus from the keyboard shows the cursor at once (a pointer's focus does not)
    canvas.addEventListener("focus", function () {
      if (canvas.matches(":focus-visible")) keyboard = true;
      paint();
    });
    canvas.addEventListener("blur", paint);
    root.querySelector(".book-pad-clear").addEventListener("click", clear);
    // For tests and the curious: the pad's state and its network.
    root.bookDigitPad = {
      setCounts: setCounts,
      counts: function () { return counts ? counts.slice() : null; },
      bitmap: function () { return bitmap.slice(); },
      fitted: function () { return bitmap.slice(); },
      probabilities: function () { return probs ? probs.slice() : null; },
      clear: clear,
      network: function () { return net; },
      book: function () { return book; },
      params: function () { return params(net); },
      taught: function () { return taught; },
      setNetwork: function (next, count) {  // the stepper's "teach it" and "reset"
        net = next; taught = count; keep(root, net, taught);
        probs = counts && counts.some(function (v) { return v > 0; }) ? probabilities(net, counts) : null;
        show();
      },
      onChange: function (f) { listeners.push(f); },
    };
    root.classList.add("book-digit-pad-ready");
    show();
  }
  // --- under the pad: the reader's drawing step by step, and "teach it"
  var SUB = "₀₁₂₃₄₅₆₇₈₉";
  function sub(k) { return String(k).split("").map(function (c) { return SUB[+c]; }).join(""); }
  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (m, name) { return name in values ? values[name] : m; });
  }
  function fmt(v, digits) {
    var text = v.toFixed(digits);
    if (+text === 0) text = text.replace("-", "");
    return text.replace("-", "\u2212");
  }
  function norm(v) {
    var flat = [].concat.apply([], v);
    return Math.sqrt(flat.reduce(function (s, x) { return s + x * x; }, 0));
  }
  function stepper(root) {
    var pad = document.querySelector(".book-digit-pad.book-digit-pad-ready");
    if (!pad) return;
    var api = pad.bookDigitPad;
    var data = JSON.parse(root.querySelector("script.book-pad-stepper-data").textContent);
    var words = data.words, alpha = data.learning_rate;
    var select = root.querySelector("select.book-pad-label");
    var prev = root.querySelector(".book-pad-previous"), next = root.querySelector(".book-pad-next");
    var where = root.querySelector(".book-pad-position"), box = root.querySelector(".book-pad-step");
    var teach = root.querySelector(".book-pad-teach-button"), reset = root.querySelector(".book-pad-reset");
    var status = root.querySelector(".book-pad-taught"), table = root.querySelector(".book-pad-before-after");
    var chosen = false, k = 0, steps = [], taughtOn = null;  // taughtOn: the counts last taught
    var said = null;  // the position last written in the live region

    function vector(v, name) {  // all of a short vector; the first four and the length of a long one
      var shown = v.length <= 10 ? v : v.slice(0, 4);
      var text = "[" + shown.map(function (x) { return fmt(x, 3); }).join(", ") + (v.length > 10 ? ", …]" : "]");
      if (v.length > 10) text += " (" + fill(words.count, {n: v.length}) + ", " + words.norm + " ‖" + name + "‖ = " + fmt(norm(v), 3) + ")";
      return text;
    }
    function matrix(m, name) {
      return name + " (" + m.length + " × " + m[0].length + "): " + words.norm + " ‖" + name + "‖ = " + fmt(norm(m), 4);
    }
    function count(v, test) { return v.filter(test).length; }
    function build(x, label) {  // the steps' names, sentences and equations with the numbers in
      var net = api.network(), t = trace(net, x, label), after = trace(stepped(net, t.grads, alpha), x, label);
      var dense = denseLayers(net), last = dense.length, out = [];
      var T = words.titles, E = words.explain, y = sub(label);
      out.push([fill(T[0], {}), fill(E[0], {max_count: net.max_count}), [
        "x = " + vector(x, "x"),
        fill(words.nonzero, {k: count(x, function (v) { return v !== 0; }), n: x.length})]]);
      dense.forEach(function (i, j) {
        var s = sub(j + 1), below = j ? "h" + sub(j) : "x", z = t.values[i + 1];
        var lines = ["z" + s + " = " + below + " · W" + s + " + b" + s, "z" + s + " = " + vector(z, "z" + s)];
        if (j + 1 < last) {
          var h = t.values[i + 2];
          lines.push("h" + s + " = ReLU(z" + s + ") = " + vector(h, "h" + s),
            fill(words.positive, {k: count(h, function (v) { return v > 0; }), n: h.length}));
          out.push([fill(T[1], {k: j + 1, s: s}), E[1], lines]);
        } else out.push([fill(T[2], {s: s}), E[2], lines]);
      });
      var zs = "z" + sub(last);
      out.push([T[3], E[3], ["p = softmax(" + zs + ") = " + vector(t.p, "p")]]);
      out.push([T[4], E[4], ["L = −log p" + y + " = −log " + fmt(t.p[label], 4) + " = " + fmt(t.loss, 4)]]);
      for (var j = last; j >= 1; j--) {
        var s = sub(j), i = dense[j - 1], below = j > 1 ? "h" + sub(j - 1) : "x", lines = [];
        var dz = t.back[i];  // ∂L/∂z_j
        if (j === last) lines.push("∂L/∂z" + s + " = p − [k = " + label + "] = " + vector(dz, "∂L/∂z" + s));
        else {
          var s2 = sub(j + 1);
          lines.push("∂L/∂h" + s + " = ∂L/∂z" + s2 + " · W" + s2 + "ᵀ = " + vector(t.back[i + 1], "∂L/∂h" + s),
            "∂L/∂z" + s + " = ∂L/∂h" + s + " ⊙ [z" + s + " > 0] = " + vector(dz, "∂L/∂z" + s));
        }
        lines.push("∂L/∂W" + s + " = " + below + "ᵀ · ∂L/∂z" + s + ": " + matrix(t.grads["W" + j], "∂L/∂W" + s),
          "∂L/∂b" + s + " = ∂L/∂z" + s);
        out.push([j === last ? T[5] : fill(T[6], {k: j}), j === last ? E[5] : E[6], lines]);
      }
      out.push([T[7], E[7], [
        "α = " + alpha, "W ← W − α · ∂L/∂W,  b ← b − α · ∂L/∂b",
        "p" + y + ": " + fmt(t.p[label], 4) + " → " + fmt(after.p[label], 4),
        "L: " + fmt(t.loss, 4) + " → " + fmt(after.loss, 4)]]);
      return out;
    }
    function render() {
      var counts = api.counts();
      var x = counts && counts.some(function (v) { return v > 0; }) ?
        counts.map(function (c) { return c / api.network().max_count; }) : null;
      if (!x) chosen = false;  // a cleared pad: the next drawing starts from the network's guess
      if (x && !chosen) select.value = String(api.probabilities().indexOf(Math.max.apply(null, api.probabilities())));
      if (String(counts) !== taughtOn) { percents(null, ".book-pad-before"); percents(null, ".book-pad-after"); }
      steps = x ? build(x, +select.value) : [];
      teach.disabled = !x;
      show(k);
    }
    function show(i) {
      box.textContent = "";
      if (!steps.length) {
        k = 0; said = null; where.textContent = ""; off(prev, true, teach); off(next, true, teach);
        box.appendChild(document.createElement("p")).textContent = words.empty;
        return;
      }
      k = Math.max(0, Math.min(steps.length - 1, i));
      var s = steps[k];
      var title = box.appendChild(document.createElement("p"));
      title.className = "book-pad-step-name"; title.textContent = s[0];
      box.appendChild(document.createElement("p")).textContent = s[1];
      var math = box.appendChild(document.createElement("p"));
      math.className = "book-pad-step-math";
      s[2].forEach(function (line) {
        var span = math.appendChild(document.createElement("span"));
        span.className = "book-pad-eq"; span.textContent = line;
      });
      // the live region speaks when the step changes, not on every stroke of the pen
      if (said !== k + "/" + steps.length) {
        said = k + "/" + steps.length;
        where.textContent = fill(words.position, {k: k + 1, n: steps.length});
        var name = where.appendChild(document.createElement("span"));  // for screen readers
        name.className = "book-sr-only"; name.textContent = ": " + s[0];
      }
      off(prev, k === 0, next); off(next, k === steps.length - 1, prev);
    }
    function percents(p, column) {
      table.querySelectorAll("tbody tr").forEach(function (row, d) {
        row.querySelector(column).textContent = p ? (100 * p[d]).toFixed(1) + "%" : "–";
        row.classList.toggle("book-pad-chosen", !!p && d === +select.value);
      });
    }
    function off(button, disabled, other) {  // focus moves on from a button that disables itself
      if (disabled && document.activeElement === button && !other.disabled) other.focus();
      button.disabled = disabled;
    }
    function say() {
      status.textContent = api.taught() ? fill(words.taught, {count: api.taught()}) : words.book;
      off(reset, !api.taught(), teach.disabled ? select : teach);
    }
    prev.addEventListener("click", function () { show(k - 1); });
    next.addEventListener("click", function () { show(k + 1); });
    select.addEventListener("change", function () { chosen = true; render(); });
    teach.addEventListener("click", function () {
      var counts = api.counts();
      if (!counts) return;
      var net = api.network(), x = counts.map(function (c) { return c / net.max_count; });
      var label = +select.value, t = trace(net, x, label);
      taughtOn = String(counts);
      percents(t.p, ".book-pad-before");
      api.setNetwork(stepped(net, t.grads, alpha), api.taught() + 1);  // the pad re-reads, render() runs
      percents(api.probabilities(), ".book-pad-after");
      say();
    });
    reset.addEventListener("click", function () {
      api.setNetwork(api.book(), 0);
      percents(null, ".book-pad-before"); percents(null, ".book-pad-after");
      say();
    });
    api.onChange(render);
    // For tests and the curious: the numbers for any input x (already divided by max_count).
    root.bookPadStepper = {
      trace: function (x, label) {
        var net = api.network(), t = trace(net, x, label), updated = stepped(net, t.grads, alpha);
        var after = trace(updated, x, label);
        return {p: t.p, loss: t.loss, grads: t.grads, updated: params(updated), p_after: after.p, loss_after: after.loss};
      },
      show: show, step: function () { return k; }, steps: function () { return steps.length; },
    };
    render(); say();
    root.classList.add("book-pad-stepper-ready");
  }
  function startAll() {
    var pads = document.querySelectorAll(".book-digit-pad");
    forgetOthers([].map.call(pads, storageKey));
    [[pads, start], [document.querySelectorAll(".book-pad-stepper"), stepper]].forEach(function (kind) {
      kind[0].forEach(function (root) {  // one that fails does not stop the others
        try { kind[1](root); } catch (error) { console.error("digit pad", root.id, error); }
      });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", startAll);
  else startAll();
})();
