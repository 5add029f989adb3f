// A display equation wider than the screen scrolls sideways (book.css). A region
// that scrolls must be reachable with the keyboard, so such an equation gets a
// tab stop while it overflows (pydata-sphinx-theme does the same for code blocks).
(function () {
  "use strict";
  function mark() {
    document.querySelectorAll("div.math").forEach(function (maths) {
      if (maths.scrollWidth > maths.clientWidth + 1) maths.setAttribute("tabindex", "0");
      else maths.removeAttribute("tabindex");
    });
  }
  window.addEventListener("load", mark);
  window.addEventListener("resize", mark);
})();
