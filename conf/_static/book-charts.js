// Interactive charts: each <figure class="book-chart-live"> carries its Vega
// spec (compiled from Vega-Lite at build time) and a pre-rendered SVG of its
// first state. Vega, served from this site, takes over the figure and binds
// its sliders; without JavaScript the reader still sees the first state.
//
// The controls are made readable too: a slider is named by its label only
// (its value is the slider's value, formatted as the axes format numbers), a
// group of buttons is named by its label, and when a control moves the
// figure's live region announces the controls' values and the numbers the
// chart prints (its text marks), in the chart's own words.
(function () {
  "use strict";
  var lang = document.documentElement.lang || "en";
  var MINUS = "\u2212";

  function decimals(step) {
    var text = String(step);
    return text.indexOf(".") < 0 ? 0 : text.length - text.indexOf(".") - 1;
  }

  function formatter(input) {
    var digits = decimals(input.getAttribute("step") || "1");
    var number = new Intl.NumberFormat(lang, {
      minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: true,
    });
    return function (value) {
      return number.format(Number(value)).replace("-", MINUS);
    };
  }

  var counter = 0;
  function uid(prefix) { counter += 1; return prefix + "-" + counter; }

  // Slider: name = its label; value shown and announced formatted.
  function prepareRange(input, figure) {
    var bind = input.closest(".vega-bind");
    var label = bind.querySelector(".vega-bind-name");
    var name = label ? label.textContent.trim() : input.name;
    var format = formatter(input);
    var vegaValue = input.nextElementSibling;
    if (vegaValue && vegaValue.tagName === "SPAN") vegaValue.hidden = true;
    var output = document.createElement("output");
    output.className = "book-bind-value";
    output.setAttribute("aria-hidden", "true");
    input.insertAdjacentElement("afterend", output);
    input.setAttribute("aria-label", name);
    function show() {
      var text = format(input.value);
      output.textContent = text;
      input.setAttribute("aria-valuetext", text);
    }
    show();
    input.addEventListener("input", show);
    input.addEventListener("change", show);
    return function () { return name + " " + format(input.value); };
  }

  // Buttons: one group named by its label.
  function prepareRadios(bind) {
    var label = bind.querySelector(".vega-bind-name");
    var group = bind.querySelector(".vega-bind-radio") || bind;
    group.setAttribute("role", "radiogroup");
    if (label) {
      label.id = label.id || uid("book-bind");
      group.setAttribute("aria-labelledby", label.id);
    }
    return function () {
      var checked = group.querySelector("input:checked");
      return (label ? label.textContent.trim() + " " : "") + (checked ? checked.value : "");
    };
  }

  function prepareControls(figure, announce) {
    var parts = [];
    figure.querySelectorAll(".vega-bindings .vega-bind").forEach(function (bind) {
      var range = bind.querySelector("input[type='range']");
      if (range) {
        parts.push(prepareRange(range, figure));
      } else if (bind.querySelector("input[type='radio']")) {
        parts.push(prepareRadios(bind));
      }
    });
    figure.querySelectorAll(".vega-bindings input").forEach(function (input) {
      input.addEventListener("input", announce);
      input.addEventListener("change", announce);
    });
    return function () { return parts.map(function (part) { return part(); }); };
  }

  function readouts(figure) {
    // numbers the chart prints beside its data (text marks, not axis labels)
    return Array.prototype.map.call(
      figure.querySelectorAll(".book-chart-vega svg .role-mark text"),
      function (t) { return t.textContent.replace(/\s+/g, " ").trim(); }
    ).filter(Boolean);
  }

  // The font the chart was laid out with (its pre-rendered text names it), in the weights
  // charts use: Vega measures text with it, so it has to have arrived first.
  function fontsReady(figure) {
    var text = figure.querySelector(".book-chart-view svg text[font-family]");
    if (!text || !document.fonts || !document.fonts.load) return Promise.resolve();
    var font = text.getAttribute("font-family");
    return Promise.all(["400", "700"].map(function (weight) {
      return document.fonts.load(weight + " 12px " + font);
    })).catch(function () {});
  }

  function start(figure) {
    var holder = figure.querySelector("script.book-chart-spec");
    var view = figure.querySelector(".book-chart-view");
    if (!holder || !view || !window.vega) return;
    var spec = JSON.parse(holder.textContent);
    // data sets the page ships as columns (lessons.charts.render): rows again for Vega
    (spec.data || []).forEach(function (data) {
      if (!data.columns) return;
      var names = Object.keys(data.columns);
      data.values = data.columns[names[0]].map(function (_, i) {
        var row = {};
        names.forEach(function (name) { row[name] = data.columns[name][i]; });
        return row;
      });
      delete data.columns;
    });
    var svg = view.querySelector("svg");
    var label = svg ? svg.getAttribute("aria-labelledby") : null;
    var live = document.createElement("div");
    live.className = "book-chart-vega";
    // the live chart keeps the static one's place while it is drawn: no layout shift
    if (svg) view.style.minHeight = view.getBoundingClientRect().height + "px";
    var status = figure.querySelector(".book-chart-status");
    var runtime = new vega.View(vega.parse(spec), {
      renderer: "svg", container: live, hover: true,
    });
    var timer = null;
    var describe = function () { return []; };
    function announce() {
      if (!status) return;
      clearTimeout(timer);
      timer = setTimeout(function () {
        runtime.runAsync().then(function () {
          status.textContent = describe().concat(readouts(figure)).join(", ");
        });
      }, 400);
    }
    // Vega measures text with the chart's font: wait until the page's copy has arrived
    fontsReady(figure).then(function () { return runtime.runAsync(); }).then(function () {
      view.replaceChildren(live);
      view.style.minHeight = "";
      var drawn = live.querySelector("svg");
      if (drawn && label) {
        drawn.setAttribute("role", "img");
        drawn.setAttribute("aria-labelledby", label);
        // Vega names its container too (role, English "visualization"): the svg is the image
        ["role", "aria-roledescription", "aria-label"].forEach(function (name) { live.removeAttribute(name); });
        // one accessible image, named by the figure: the marks inside are decoration
        drawn.querySelectorAll("[role], [aria-roledescription], [aria-label]").forEach(function (el) {
          el.removeAttribute("role");
          el.removeAttribute("aria-roledescription");
          el.removeAttribute("aria-label");
        });
      }
      describe = prepareControls(figure, announce);
      figure.classList.add("book-chart-ready");
    }).catch(function (error) {
      console.error("chart " + figure.id + " failed to draw:", error);
    });
  }
  function startAll() {
    document.querySelectorAll("figure.book-chart-live").forEach(start);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", startAll);
  } else {
    startAll();
  }
})();
