// Interactive charts: each <figure class="book-chart-live"> carries its Vega
// spec (compiled from Vega-Lite at build time) and a pre-rendered SVG of its
// first state. Vega, served from this site, takes over the figure and binds
// its sliders; without JavaScript the reader still sees the first state.
(function () {
  "use strict";
  function start(figure) {
    var holder = figure.querySelector("script.book-chart-spec");
    var view = figure.querySelector(".book-chart-view");
    if (!holder || !view || !window.vega) return;
    var spec = JSON.parse(holder.textContent);
    var svg = view.querySelector("svg");
    var label = svg ? svg.getAttribute("aria-labelledby") : null;
    var live = document.createElement("div");
    live.className = "book-chart-vega";
    var runtime = new vega.View(vega.parse(spec), {
      renderer: "svg", container: live, hover: true,
    });
    runtime.runAsync().then(function () {
      view.replaceChildren(live);
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
