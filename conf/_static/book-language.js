// The language switch keeps the reader's place: it adds the language-neutral
// anchor (sec-2-1, ...) of the section being read, which both languages share,
// and remembers the choice for the site's front page.
(function () {
  "use strict";
  function currentSection() {
    var target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    var sections = Array.prototype.slice.call(document.querySelectorAll("article section"));
    var section = target ? target.closest("section") : null;
    if (!section || (target && target.getBoundingClientRect().bottom < 0)) {
      // the last section whose heading has scrolled past the top of the window;
      // at the end of the page, where the last headings can never reach the top,
      // the last section whose heading is in the window
      var atEnd = window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 4;
      var line = atEnd ? window.innerHeight : 80;
      section = null;
      sections.forEach(function (candidate) {
        if (candidate.getBoundingClientRect().top <= line) section = candidate;
      });
    }
    while (section) {
      // Korean sections carry it as their own id; English ones in a span
      var anchor = section.id.indexOf("sec-") === 0 ? section : section.querySelector(":scope > span[id^='sec-']");
      if (anchor && anchor.id !== "sec-0") return anchor.id;
      section = section.parentElement ? section.parentElement.closest("section") : null;
    }
    return null;
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.book-language-switch") : null;
    if (!link) return;
    try { localStorage.setItem("book-language", link.dataset.bookLanguage); } catch (e) {}
    var anchor = currentSection();
    if (anchor) {
      event.preventDefault();
      location.href = link.href.split("#")[0] + "#" + anchor;
    }
  });
})();
