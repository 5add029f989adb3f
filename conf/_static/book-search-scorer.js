// The book's search (html_search_scorer: Sphinx puts it in language_data.js,
// after searchtools.js): Sphinx's default weights plus rules for a textbook.
//  - The glossary is the thesaurus (window.BOOK_GLOSSARY, written into
//    search.html by conf/_ext/book_search.py from the glossary): every name of
//    an entry (its {alias} roles, its name in the other language) is searched
//    as the entry's term (과적합, 오버피팅, over-fitting → 과대적합;
//    그레디언트 → 그레이디언트; 체인 룰 → 연쇄 법칙), with or without spaces
//    and hyphens.
//  - A query word the index knows is searched whole. Otherwise, in this order:
//    a hyphenated word is searched joined (원-핫 → 원핫, one-hot → onehot);
//    a Korean word that is the index's words run together is split into
//    them, never into single syllables (표준편차 → 표준 편차, 경사하강법 →
//    경사 하강법); a word of five or more letters one edit away from a word
//    of the index or a glossary name of five or more letters is read as that
//    word (softmx → softmax, standardization → standardisation; in Korean a
//    letter is a jamo: 소프트멕스 → 소프트맥스, 역전퍄 → 역전파).
//  - A query that names a glossary term, alone or with other words, shows the
//    chapter introducing it first and the term's glossary entry second.
//  - A chapter whose title contains a query word comes before one that only
//    mentions it; a match on the chapter's own title counts extra.
//  - The glossary, the preface, the index and the maths appendix, which mention
//    every term, come after the chapters that teach it.
//  - Matches are marked in the result snippets as whole words (과대적합 in
//    과대적합은, never 적 in 적용).
//  - Result snippets are the text a reader sees: maths once (not KaTeX's
//    hidden MathML and TeX source as well), no chart titles and descriptions
//    meant for screen readers, no chart axis labels, spaces between blocks.

// Matches marked as whole words (searchtools.js marks any substring: 적
// inside 적용, 원 inside 원래, hot inside photo). A word matches when it is a
// query word, or has the same stem: a Korean word is marked without its
// particle or ending (과대적합 in 과대적합은), an English one whole
// (regressions for regression); hyphens do not count (onehot and one hot
// mark one-hot).
var BookMarks = (function () {
  var WORD = /[\p{Letter}\p{Number}_]+(?:-[\p{Letter}\p{Number}_]+)*/gu;
  var HANGUL = /[\uac00-\ud7a3]/;
  function plain(word) {
    return word.toLowerCase().replace(/-/g, "");
  }
  function stem(word) {
    return new Stemmer().stemWord(plain(word));
  }
  // The [start, end) of each match of `words` in `text`.
  function find(text, words) {
    var wanted = new Set(), stems = new Set(), found = [], match;
    words.forEach(function (w) { wanted.add(plain(w)); stems.add(stem(w)); });
    WORD.lastIndex = 0;
    while ((match = WORD.exec(text)) !== null) {
      var word = match[0], at = match.index;
      var parts = word.includes("-") ? word.split("-") : [];
      if (wanted.has(plain(word)) || parts.some(function (w) { return wanted.has(plain(w)); }))
        found.push([at, at + word.length]);  // a hyphenated word whole (원 핫 marks 원-핫)
      else if (stems.has(stem(word))) {
        // a Korean word's stem is the word without its ending: mark the stem
        var end = HANGUL.test(word) && word.startsWith(stem(word)) ? stem(word).length : word.length;
        found.push([at, at + end]);
      }
    }
    return found;
  }
  function mark(node, words) {
    if (!node || !words.length) return;
    var walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT), texts = [];
    while (walker.nextNode()) texts.push(walker.currentNode);
    texts.forEach(function (text) {
      var parent = text.parentNode;
      if (!parent || parent.closest("svg, button, select, textarea, script, style, .highlighted, .nohighlight"))
        return;
      var value = text.nodeValue, last = 0, ranges = find(value, words);
      if (!ranges.length) return;
      var fragment = document.createDocumentFragment();
      ranges.forEach(function (range) {
        fragment.append(value.slice(last, range[0]));
        var span = document.createElement("span");
        span.className = "highlighted";
        span.textContent = value.slice(range[0], range[1]);
        fragment.append(span);
        last = range[1];
      });
      fragment.append(value.slice(last));
      parent.replaceChild(fragment, text);
    });
  }
  return { find: find, mark: mark };
})();

var BookSearch = (function () {
  var HANGUL = /[\uac00-\ud7a3]/;
  function stem(word) {
    return new Stemmer().stemWord(word.toLowerCase());
  }
  // The words of a text; a hyphen inside a word stays (one-hot, 원-핫).
  function split(text) {
    return text.split(/[^\p{Letter}\p{Number}_\p{Emoji_Presentation}-]+/u)
      .map(function (word) { return word.replace(/(.)-+$/, "$1"); })
      .filter(function (word) { return word && word !== "-"; });
  }
  // A name without spaces, hyphens and the ending of its last word:
  // "체인 룰을", "체인룰" and "체인-룰" are all "체인룰".
  function key(text) {
    return stem(split(text.toLowerCase()).join("").replace(/-/g, ""));
  }
  // Letters as the typo rule counts them: a Hangul syllable is its jamo.
  function letters(word) {
    return word.normalize("NFD");
  }
  // At most one insertion, deletion, substitution or swap of neighbours apart.
  function oneEdit(a, b) {
    if (Math.abs(a.length - b.length) > 1) return false;
    var i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    if (a.length === b.length) {
      return a.slice(i + 1) === b.slice(i + 1)
        || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
    }
    return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  var glossary = null;  // key of every name -> its entry
  function entries() {
    if (glossary) return glossary;
    glossary = Object.create(null);  // no inherited names: "constructor" is not a term
    (window.BOOK_GLOSSARY || []).forEach(function (entry) {
      entry.names.forEach(function (name) {
        var k = key(name);
        // a term is its own entry's; an alias or translation never takes it over
        if (k && (!(k in glossary) || name === entry.term)) glossary[k] = entry;
      });
    });
    return glossary;
  }
  function index() {
    return typeof Search !== "undefined" && Search._index;
  }
  function inIndex(s) {
    var ix = index();
    return !ix || Object.prototype.hasOwnProperty.call(ix.terms, s)
      || Object.prototype.hasOwnProperty.call(ix.titleterms, s);
  }
  function known(word) {
    return inIndex(stem(word));
  }
  function token(word) {
    return { word: word, stem: stem(word) };
  }

  // The shortest split of a Korean `word` into words the index knows, or
  // null. A piece is two syllables at least (three Latin letters), unless it
  // is a glossary term (층): 과적합 is not 과 + 적 + 합.
  function segment(word) {
    var n = word.length, best = new Array(n + 1).fill(null), names = entries();
    best[0] = [];
    for (var end = 1; end <= n; end++) {
      for (var start = 0; start < end; start++) {
        if (best[start] === null) continue;
        var piece = word.slice(start, end);
        var shortest = HANGUL.test(piece) ? 2 : 3;
        if (!(piece.length >= shortest && known(piece)) && !(key(piece) in names)) continue;
        var candidate = best[start].concat([piece]);
        if (best[end] === null || candidate.length < best[end].length) best[end] = candidate;
      }
    }
    return best[n] && best[n].length > 1 ? best[n] : null;
  }

  // A name as typed, without spaces and hyphens: "Mini-batch" is "minibatch".
  function plain(text) {
    return split(text.toLowerCase()).join("").replace(/-/g, "");
  }
  // The book's words of five or more letters, as letters (built once): each
  // glossary name as written and as its key, and each word of the index.
  var vocabulary = null;
  function words5() {
    if (vocabulary) return vocabulary;
    var ix = index(), out = [];
    function add(word, name, weight) {
      var l = letters(word);
      if (l.length >= 5) out.push({ letters: l, word: word, name: name, weight: weight });
    }
    (window.BOOK_GLOSSARY || []).forEach(function (entry) {
      entry.names.forEach(function (name) {
        add(plain(name), entry.term, Infinity);
        add(key(name), entry.term, Infinity);
      });
    });
    [ix.terms, ix.titleterms].forEach(function (terms) {
      Object.entries(terms).forEach(function (e) {
        add(e[0], null, typeof e[1] === "number" ? 1 : e[1].length);
      });
    });
    vocabulary = out;
    return out;
  }
  // The book's word one edit from `word` (as typed or without its ending): a
  // glossary name first, then the word on the most pages, then the first in
  // alphabetical order.
  function correct(word) {
    if (!index()) return null;
    if (letters(plain(word)).length < 5) return null;
    var forms = [letters(plain(word)), letters(stem(word))];
    var best = null;
    words5().forEach(function (v) {
      if (!forms.some(function (l) { return oneEdit(l, v.letters); })) return;
      if (!best || v.weight > best.weight || (v.weight === best.weight && v.word < best.word)) best = v;
    });
    if (!best) return null;
    return best.name ? split(best.name).map(token) : [{ word: best.word, stem: best.word }];
  }

  // One query word as the words to search.
  function fix(word) {
    if (/^\d+$/.test(word) || stopwords.has(word.toLowerCase())) return [token(word)];
    // the book spells -ise, -isation: standardization finds standardisation
    var british = word.replace(/iz/gi, "is");
    if (british !== word && known(british)) return [token(british)];
    if (known(word)) return [token(word)];
    if (word.includes("-")) {
      var joined = word.replace(/-/g, "");
      if (known(joined)) return [{ word: word, stem: stem(joined) }];
      return word.split("-").filter(Boolean).flatMap(fix);
    }
    if (key(word) in entries()) return [token(word)];
    var pieces = HANGUL.test(word) && segment(stem(word));
    if (pieces) return pieces.map(token);
    return correct(word) || [token(word)];
  }
  // The longest run of words from i that is a glossary name: its end, or -1.
  function longestName(words, i) {
    var names = entries();
    for (var j = words.length; j > i; j--) {
      if (key(words.slice(i, j).join(" ")) in names) return j;
    }
    return -1;
  }

  var analysed = new Map();
  // The words to search for a query, and the glossary entry it names (the
  // longest name among its words), if any.
  function analyse(query) {
    if (analysed.has(query)) return analysed.get(query);
    var raw = split(query), excluded = [], kept = [];
    raw.forEach(function (word) {
      if (word[0] === "-") excluded.push(stem(word.slice(1)));
      else kept.push(word);
    });
    // 1. each word the index does not know, unless part of a glossary name, is fixed
    var fixed = [], i = 0, j;
    while (i < kept.length) {
      j = longestName(kept, i);
      if (j > 0) {
        kept.slice(i, j).forEach(function (word) { fixed.push(token(word)); });
        i = j;
      } else {
        fixed.push.apply(fixed, fix(kept[i++]));
      }
    }
    // 2. every glossary name among the fixed words becomes its entry's term
    var out = [], named = null, names = entries(), typed = fixed.map(function (t) { return t.word; });
    i = 0;
    while (i < fixed.length) {
      j = longestName(typed, i);
      if (j < 0) {
        out.push(fixed[i++]);
        continue;
      }
      var k = key(typed.slice(i, j).join(" ")), entry = names[k];
      out.push.apply(out, split(entry.term).map(token));
      if (!named || k.length > named.length) named = { length: k.length, entry: entry };
      i = j;
    }
    var result = {
      tokens: out,
      // the words to mark in the text: not stop words or numbers
      marks: [...new Set(out.map(function (t) { return t.word.toLowerCase(); }))].filter(function (w) {
        return !stopwords.has(w) && !/^\d+$/.test(w);
      }),
      excluded: excluded.filter(Boolean),
      entry: named && named.entry,
      text: out.map(function (t) { return t.word; }).join(" "),
    };
    analysed.set(query, result);
    return result;
  }

  var current = null;
  return {
    analyse: analyse,
    // the analysed query being searched (set when Sphinx parses it)
    current: function () {
      if (!current) current = analyse(new URLSearchParams(window.location.search).get("q") || "");
      return current;
    },
    use: function (query) { current = analyse(query); return current; },
  };
})();

if (typeof Search !== "undefined") {
  // Sphinx's parsing, with the book's words: the terms to search are the
  // analysed query's; searchtools.js marks nothing itself (it would mark any
  // substring: 적 inside 적용); BookMarks.mark does it where a word starts.
  Search._parseQuery = function (query) {
    var q = BookSearch.use(query.trim());
    var searchTerms = new Set(), objects = new Set();
    q.tokens.forEach(function (t) {
      var lower = t.word.toLowerCase();
      objects.add(lower);
      if (!stopwords.has(lower) && !/^\d+$/.test(lower)) searchTerms.add(t.stem);
    });
    if (typeof SPHINX_HIGHLIGHT_ENABLED !== "undefined" && SPHINX_HIGHLIGHT_ENABLED)
      localStorage.setItem("sphinx_highlight_terms", q.marks.join(" "));
    return [q.text, searchTerms, new Set(q.excluded), new Set(), objects];
  };

  // A query that names a glossary term shows the chapter that introduces it
  // first and the term's glossary entry second, even when the chapter lacks
  // one of the words.
  var bookPerformSearch = Search._performSearch;
  Search._performSearch = function () {
    var results = bookPerformSearch.apply(this, arguments);
    var entry = BookSearch.current().entry, ix = Search._index;
    if (!entry || !ix) return results;
    function pin(matches, make) {  // move the best match to the top, or add it
      var at = -1;
      results.forEach(function (result, i) { if (matches(result)) at = i; });
      var result = at >= 0 ? results.splice(at, 1)[0] : make();
      if (result) results.push(result);  // results are shown from the end
    }
    function page(docname, make) {
      var i = ix.docnames.indexOf(docname);
      return i < 0 ? null : make(i);
    }
    if (entry.anchor) {
      results = results.filter(function (r) { return r[0] !== "glossary" || r[2]; });
      pin(function (r) { return r[0] === "glossary" && r[2] === "#" + entry.anchor; }, function () {
        return page("glossary", function (i) {
          return ["glossary", ix.titles[i] + " > " + entry.term, "#" + entry.anchor, null, 1000,
                  ix.filenames[i], "index"];
        });
      });
    }
    pin(function (r) { return r[0] === entry.chapter; }, function () {
      return page(entry.chapter, function (i) {
        return [entry.chapter, ix.titles[i], "", null, 1000, ix.filenames[i], "text"];
      });
    });
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

  // Sphinx's snippet (240 characters), around the first whole-word match of
  // the query, with the matches marked.
  Search.makeSearchSummary = function (htmlText, keywords, anchor) {
    var text = Search.htmlToText(htmlText, anchor);
    if (text === "") return null;
    var words = BookSearch.current().marks;
    var found = BookMarks.find(text, words), at = 0;
    if (found.length) at = found[0][0];
    else {
      var lower = text.toLowerCase();
      [...keywords].forEach(function (k) { if (!at && lower.indexOf(k) > 0) at = lower.indexOf(k); });
    }
    var start = Math.max(at - 120, 0);
    var summary = document.createElement("p");
    summary.classList.add("context");
    summary.textContent = (start === 0 ? "" : "...") + text.substr(start, 240).trim()
      + (start + 240 < text.length ? "..." : "");
    BookMarks.mark(summary, words);
    return summary;
  };
}

var Scorer = {
  score: (result) => {
    const [docname, title, anchor, descr, score, filename, kind] = result;
    const q = BookSearch.current();
    const chapterTitle = title.split(" > ")[0].toLowerCase();
    let adjusted = score;
    if (q.tokens.some((t) => t.stem.length > 1 && chapterTitle.includes(t.stem))) adjusted += 10;
    if (kind === "title" && !title.includes(" > ")) adjusted += 15;
    if (["glossary", "index", "genindex", "maths"].includes(docname)) adjusted -= 200;
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
