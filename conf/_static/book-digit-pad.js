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
    var net = JSON.parse(root.querySelector("script.book-pad-weights").textContent);
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
    };
    root.classList.add("book-digit-pad-ready");
    show();
  }
  function startAll() { document.querySelectorAll(".book-digit-pad").forEach(start); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", startAll);
  else startAll();
})();
