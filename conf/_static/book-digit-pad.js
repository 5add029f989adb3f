// The digit pad of chapter 8: draw a digit, and the network trained when the
// book was built reads it here, in plain JavaScript. The weights come with the
// page (<script class="book-pad-weights">, from lessons.classifier.export_weights: a layer list).
// What you draw is a 32×32 bitmap; like the scanning software that made the
// data set, the pad scales the drawing to fill the box, then counts the ink of
// each 4×4 block (0–16): the 64 numbers the network reads.
(function () {
  "use strict";
  var N = 32, BLOCK = 4, SIDE = 8, PEN = 2.4;

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

  // --- from a 32×32 drawing to 64 counts
  function fitToBox(bitmap) {
    var top = N, bottom = -1, left = N, right = -1;
    for (var r = 0; r < N; r++) for (var c = 0; c < N; c++) if (bitmap[r * N + c]) {
      top = Math.min(top, r); bottom = Math.max(bottom, r);
      left = Math.min(left, c); right = Math.max(right, c);
    }
    var out = new Array(N * N).fill(0);
    if (bottom < 0) return out;
    var size = Math.max(bottom - top, right - left) + 1, scale = size / N;
    var offR = top - (size - (bottom - top + 1)) / 2, offC = left - (size - (right - left + 1)) / 2;
    for (var y = 0; y < N; y++) for (var x = 0; x < N; x++) {
      var sr = Math.floor(offR + (y + 0.5) * scale), sc = Math.floor(offC + (x + 0.5) * scale);
      if (sr >= 0 && sr < N && sc >= 0 && sc < N) out[y * N + x] = bitmap[sr * N + sc];
    }
    return out;
  }
  function countBlocks(bitmap) {
    var counts = new Array(SIDE * SIDE).fill(0);
    for (var r = 0; r < N; r++) for (var c = 0; c < N; c++)
      counts[Math.floor(r / BLOCK) * SIDE + Math.floor(c / BLOCK)] += bitmap[r * N + c];
    return counts;
  }

  function start(root) {
    var net = JSON.parse(root.querySelector("script.book-pad-weights").textContent);
    var words = JSON.parse(root.querySelector("script.book-pad-strings").textContent);
    var canvas = root.querySelector("canvas.book-pad-canvas");
    var small = root.querySelector("canvas.book-pad-small");
    var readout = root.querySelector(".book-pad-readout");
    var bars = root.querySelectorAll(".book-pad-bar");
    var bitmap = new Array(N * N).fill(0), counts = null, probs = null;
    var cursor = {r: 3, c: 3}, last = null, drawing = false, keyboard = false;
    var ctx = canvas.getContext("2d"), sctx = small.getContext("2d");

    function colour(name) { return getComputedStyle(root).getPropertyValue(name).trim(); }
    function paint() {
      var cell = canvas.width / N;
      ctx.fillStyle = colour("--book-pad-paper"); ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.fillStyle = colour("--book-pad-ink");
      for (var i = 0; i < N * N; i++) if (bitmap[i]) ctx.fillRect((i % N) * cell, Math.floor(i / N) * cell, cell, cell);
      ctx.strokeStyle = colour("--book-pad-grid"); ctx.lineWidth = 1;
      for (var k = 1; k < SIDE; k++) {
        var at = Math.round(k * BLOCK * cell) + 0.5;
        ctx.beginPath(); ctx.moveTo(at, 0); ctx.lineTo(at, canvas.height); ctx.stroke();
        ctx.beginPath(); ctx.moveTo(0, at); ctx.lineTo(canvas.width, at); ctx.stroke();
      }
      if (keyboard && document.activeElement === canvas) {
        ctx.strokeStyle = colour("--book-pad-cursor"); ctx.lineWidth = 3;
        ctx.strokeRect(cursor.c * BLOCK * cell + 1.5, cursor.r * BLOCK * cell + 1.5, BLOCK * cell - 3, BLOCK * cell - 3);
      }
      var s = small.width / SIDE;
      for (var j = 0; j < SIDE * SIDE; j++) {
        var shade = counts ? Math.round(255 * (1 - counts[j] / 16)) : 255;
        sctx.fillStyle = "rgb(" + shade + "," + shade + "," + shade + ")";
        sctx.fillRect((j % SIDE) * s, Math.floor(j / SIDE) * s, s, s);
      }
    }
    function show() {
      var best = -1;
      bars.forEach(function (bar, d) {
        var p = probs ? probs[d] : 0;
        bar.querySelector(".book-pad-fill").style.width = (100 * p).toFixed(1) + "%";
        bar.querySelector(".book-pad-number").textContent = probs ? (100 * p).toFixed(1) + "%" : "–";
        if (probs && (best < 0 || p > probs[best])) best = d;
      });
      bars.forEach(function (bar, d) { bar.classList.toggle("book-pad-best", d === best); });
      readout.textContent = probs ? words.readout.replace("{digit}", best)
        .replace("{percent}", (100 * probs[best]).toFixed(0) + "%") : words.empty;
      paint();
    }
    function setCounts(values) {
      counts = values.slice();
      probs = counts.some(function (v) { return v > 0; }) ? probabilities(net, counts) : null;
      show();
    }
    function update() { setCounts(countBlocks(fitToBox(bitmap))); }
    function clear() { bitmap.fill(0); counts = null; probs = null; show(); }

    function at(event) {
      var box = canvas.getBoundingClientRect();
      return {x: (event.clientX - box.left) / box.width * N, y: (event.clientY - box.top) / box.height * N};
    }
    function dab(p) {  // a round pen about five bitmap pixels wide, as thick as the scanned strokes
      for (var r = Math.floor(p.y - PEN); r <= Math.floor(p.y + PEN); r++)
        for (var c = Math.floor(p.x - PEN); c <= Math.floor(p.x + PEN); c++)
          if (r >= 0 && r < N && c >= 0 && c < N && Math.pow(r + 0.5 - p.y, 2) + Math.pow(c + 0.5 - p.x, 2) <= PEN * PEN)
            bitmap[r * N + c] = 1;
    }
    function stroke(p) {
      var from = last || p, steps = Math.ceil(Math.hypot(p.x - from.x, p.y - from.y) * 2) + 1;
      for (var i = 0; i <= steps; i++)
        dab({x: from.x + (p.x - from.x) * i / steps, y: from.y + (p.y - from.y) * i / steps});
      last = p; update();
    }
    canvas.addEventListener("pointerdown", function (e) {
      drawing = true; keyboard = false; last = null; canvas.setPointerCapture(e.pointerId);
      stroke(at(e)); e.preventDefault();
    });
    canvas.addEventListener("pointermove", function (e) { if (drawing) stroke(at(e)); });
    ["pointerup", "pointercancel"].forEach(function (name) {
      canvas.addEventListener(name, function () { drawing = false; last = null; });
    });
    canvas.addEventListener("keydown", function (e) {
      var moves = {ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1]};
      keyboard = true;
      if (moves[e.key]) {
        cursor.r = Math.min(SIDE - 1, Math.max(0, cursor.r + moves[e.key][0]));
        cursor.c = Math.min(SIDE - 1, Math.max(0, cursor.c + moves[e.key][1]));
        paint();
      } else if (e.key === " " || e.key === "Enter") {  // fill or empty the 4×4 block under the cursor
        var on = bitmap[cursor.r * BLOCK * N + cursor.c * BLOCK] ? 0 : 1;
        for (var r = 0; r < BLOCK; r++) for (var c = 0; c < BLOCK; c++)
          bitmap[(cursor.r * BLOCK + r) * N + cursor.c * BLOCK + c] = on;
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
      fitted: function () { return fitToBox(bitmap); },
      probabilities: function () { return probs ? probs.slice() : null; },
      clear: clear,
    };
    root.classList.add("book-digit-pad-ready");
    show();
  }
  function startAll() { document.querySelectorAll(".book-digit-pad").forEach(start); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", startAll);
  else startAll();
})();
