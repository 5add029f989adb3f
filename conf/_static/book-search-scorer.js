// The book's search (html_search_scorer, loaded on search.html after
// searchtools.js): Sphinx's default weights plus rules for a textbook, for the
// query in ?q=.
//  - Spacing does not matter: a query word the index does not know is split
//    into words it does know (표준편차 → 표준 편차, 경사하강법 → 경사 하강법).
//  - The lecture's words find the book's: an alias from the glossary
//    (window.BOOK_ALIASES, written into search.html by conf/_ext/book_search.py
//    from the glossary's {alias} roles) is searched as its term
//    (그레디언트 → 그레이디언트, 체인 룰 → 연쇄 법칙).
//  - A query that names a glossary term or alias, with or without spaces,
//    ranks the chapter introducing it first (window.BOOK_TERM_CHAPTERS).
//  - A chapter whose title contains a query word comes before one that only
//    mentions it; a match on the chapter's own title counts extra.
//  - The glossary, the preface and the index, which mention every term, come
//    after the chapters that teach it.
//  - Result snippets are the text a reader sees: maths once (not KaTeX's
//    hidden MathML and TeX source as well), no chart titles and descriptions
//    meant for screen readers, no chart axis labels, spaces between blocks.
var BookSearch = (function () {
  var cache = null;
  function stem(word) {
    return new Stemmer().stemWord(word.toLowerCase());
  }
  function split(text) {
    return text.split(/[^\p{Letter}\p{Number}_\p{Emoji_Presentation}-]+/u).filter(Boolean);
  }
  function words(text) {
    return split(text.toLowerCase()).map(stem);
  }
  // A phrase without its spaces and the ending of its last word:
  // "체인 룰을" and "체인룰" are both "체인룰".
  function key(text) {
    return stem(split(text.toLowerCase()).join(""));
  }
  function keyed(mapping) {
    var out = {};
    Object.entries(mapping || {}).forEach(function (entry) {
      out[key(entry[0])] = entry[1];
    });
    return out;
  }
  var aliases = null;
  function aliasMap() {
    if (!aliases) aliases = keyed(window.BOOK_ALIASES);
    return aliases;
  }
  function known(word) {
    var index = typeof Search !== "undefined" && Search._index;
    if (!index) return true;
    var s = stem(word);
    return s in index.terms || s in index.titleterms;
  }
  // The shortest split of `word` into words the index knows, or null.
  function segment(word) {
    var n = word.length, best = new Array(n + 1).fill(null);
    best[0] = [];
    for (var end = 1; end <= n; end++) {
      for (var start = 0; start < end; start++) {
        if (best[start] === null) continue;
        var piece = word.slice(start, end);
        if (!known(piece)) continue;
        var candidate = best[start].concat([piece]);
        if (best[end] === null || candidate.length < best[end].length) best[end] = candidate;
      }
    }
    return best[n] && best[n].length > 1 ? best[n] : null;
  }
  // The query's words, with aliases replaced by their terms and unknown
  // compounds split into known words.
  function expand(queryWords) {
    var out = [], map = aliasMap(), i = 0;
    while (i < queryWords.length) {
      var matched = false;
      for (var j = queryWords.length; j > i && !matched; j--) {
        var term = map[key(queryWords.slice(i, j).join(" "))];
        if (term !== undefined) {
          out.push.apply(out, split(term));
          i = j;
          matched = true;
        }
      }
      if (matched) continue;
      var word = queryWords[i++];
      var pieces = known(word) ? null : segment(stem(word));
      if (pieces) out.push.apply(out, pieces);
      else out.push(word);
    }
    return out;
  }
  function query() {
    if (cache) return cache;
    var q = new URLSearchParams(window.location.search).get("q") || "";
    cache = { words: words(expand(split(q)).join(" ")), phrase: key(q),
              terms: keyed(window.BOOK_TERM_CHAPTERS) };
    return cache;
  }
  return { query: query, words: words, expand: expand, split: split, key: key };
})();

// Sphinx's searchtools.js calls splitQuery for the words of the query.
var splitQuery = function (query) {
  return BookSearch.expand(BookSearch.split(query));
};

if (typeof Search !== "undefined") {
  // A query that names a glossary term or alias shows the chapter that
  // introduces it first, even when the chapter lacks one of the words.
  var bookPerformSearch = Search._performSearch;
  Search._performSearch = function () {
    var results = bookPerformSearch.apply(this, arguments);
    var q = BookSearch.query(), chapter = q.terms[q.phrase], index = Search._index;
    if (!chapter || !index) return results;
    var at = -1;
    results.forEach(function (result, i) { if (result[0] === chapter) at = i; });
    if (at >= 0) {
      results.push(results.splice(at, 1)[0]);  // results are shown from the end
    } else {
      var i = index.docnames.indexOf(chapter);
      if (i >= 0) results.push([chapter, index.titles[i], "", null, 1000, index.filenames[i], "text"]);
    }
    return results;
  };
  Search.htmlToText = function (htmlString, anchor) {
    var doc = new DOMParser().parseFromString(htmlString, "text/html");
    var hidden = [".headerlink", "script", "style", "svg", ".katex-mathml", "annotation",
                  ".book-sr-only", "button", ".copybtn", ".toggle-button", "div.cell_input",
                  ".sphinx-bs .badge", "template"];
    doc.querySelectorAll(hidden.join(", ")).forEach(function (el) { el.remove(); });
    doc.querySelectorAll("p, li, dt, dd, h1, h2, h3, h4, h5, h6, div, figcaption, td, th, tr, pre")
      .forEach(function (el) { el.append(" "); });
    var main = doc.querySelector("article.bd-article") || doc.querySelector('[role="main"]');
    var block = (anchor && main && main.querySelector(anchor)) || main;
    return block ? block.textContent.replace(/\s+/g, " ").trim() : "";
  };
}

var Scorer = {
  score: (result) => {
    const [docname, title, anchor, descr, score, filename, kind] = result;
    const q = BookSearch.query();
    const chapterTitle = BookSearch.words(title.split(" > ")[0]).join(" ");
    let adjusted = score;
    if (q.terms[q.phrase] === docname) adjusted += 30;
    if (q.words.some((w) => w.length > 1 && chapterTitle.includes(w))) adjusted += 10;
    if (kind === "title" && !title.includes(" > ")) adjusted += 15;
    if (docname === "glossary" || docname === "index" || docname === "genindex") adjusted -= 200;
    return adjusted;
  },
  objNameMatch: 11,
  objPartialMatch: 6,
  objPrio: { 0: 15, 1: 5, 2: -5 },
  objPrioDefault: 0,
  title: 15,
  partialTitle: 7,
  term: 5,
  partialTerm: 2,
};
