// The book's search ranking (html_search_scorer): Sphinx's default weights
// plus rules for a textbook, applied to every result of the query in ?q=.
//  - a query that names a glossary term ranks the chapter introducing it first
//    (window.BOOK_TERM_CHAPTERS, written into search.html by conf/_ext/book_search.py);
//  - a chapter whose title contains a query word comes before one that only
//    mentions it; a match on the chapter's own title counts extra;
//  - the glossary, the preface and the index, which mention every term, come
//    after the chapters that teach it.
var BookSearch = (function () {
  var cache = null;
  function stem(word) {
    return new Stemmer().stemWord(word.toLowerCase());
  }
  function words(text) {
    return text.toLowerCase().split(/[^\p{Letter}\p{Number}_-]+/u).filter(Boolean).map(stem);
  }
  function query() {
    if (cache) return cache;
    var q = new URLSearchParams(window.location.search).get("q") || "";
    var terms = {};
    Object.entries(window.BOOK_TERM_CHAPTERS || {}).forEach(function (entry) {
      terms[words(entry[0]).join(" ")] = entry[1];
    });
    cache = { words: words(q), phrase: words(q).join(" "), terms: terms };
    return cache;
  }
  return { query: query, words: words };
})();

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
