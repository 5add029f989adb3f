/* Self-checks (conf/_ext/book_selfcheck.py): the reader's answer is checked here, in the
   browser; progress stays in this browser's localStorage; nothing is sent anywhere. */
(() => {
  "use strict";
  const C = "book-selfcheck";
  const KO = document.documentElement.lang === "ko";
  const T = KO ? {
    right: "맞았습니다.", wrong: "아쉽지만 틀렸습니다. 다시 해 보세요.",
    hintNow: "아래 힌트를 보세요.", unreadable: "숫자로 입력하세요. 예: 1,234.5 또는 −0.25",
    pick: "먼저 답을 고르세요.", hide: "풀이 숨기기", saved: "저장된 답: ",
    cleared: "이 페이지에 저장된 답을 지웠습니다.",
    up: "위로", down: "아래로", moved: (item, at) => `${item}: 이제 ${at}번째입니다.`,
  } : {
    right: "Right.", wrong: "Not quite. Try again.",
    hintNow: "There is a hint below.", unreadable: "Type a number, such as 1,234.5 or −0.25.",
    pick: "Pick an answer first.", hide: "Hide the worked answer", saved: "Your saved answer: ",
    cleared: "Your saved answers on this page are cleared.",
    up: "Move up", down: "Move down", moved: (item, at) => `${item} is now number ${at}.`,
  };
  // words a reader may type after the number, besides the unit the question shows
  const UNITS = {
    kg: ["킬로그램", "킬로", "kilograms", "kilogram", "kgs"],
    cm: ["센티미터", "센티", "centimetres", "centimeters", "centimetre", "centimeter"],
    "%": ["퍼센트", "프로", "percent", "per cent", "pct"],
  };
  const STORE = "book-selfcheck";
  const PAGE = location.pathname.split("/").pop().replace(/\.html$/, "") || "index";
  const load = () => {
    try { return JSON.parse(localStorage.getItem(STORE)) || {}; } catch (e) { return {}; }
  };
  const store = (name, entry) => {
    const all = load();
    all[PAGE] = Object.assign(all[PAGE] || {}, { [name]: entry });
    if (!entry) delete all[PAGE][name];
    try { localStorage.setItem(STORE, JSON.stringify(all)); } catch (e) { /* private mode */ }
  };
  const squash = (s) => s.normalize("NFKC").toLowerCase().replace(/\s+/g, "");

  /* "1,234.5", "−3.2", "-3.2 kg", "약 68%", "８６" → a number; null if it is not one */
  function readNumber(text, unit) {
    const s = text.normalize("NFKC").trim().toLowerCase()
      .replace(/[\u2212\u2012-\u2015\ufe63]/g, "-")
      .replace(/^(?:약|대략|about|approx\.?|approximately|~|≈)\s*/, "");
    const m = /^([+-]?)\s*((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)\s*(.*)$/.exec(s);
    if (!m) return null;
    if (m[3]) {
      const allowed = [unit, ...(UNITS[unit] || [])].filter(Boolean).map(squash);
      if (!allowed.includes(squash(m[3]))) return null;
    }
    return Number(m[1] + m[2].replace(/,/g, ""));
  }

  const resets = [];

  /* The form is in the page already (book_selfcheck.py), so the page does not move when
     this script starts: it wires the form, fills its hidden boxes from the no-JavaScript
     toggle, drops the toggle and, last, enables the Check button (disabled until then, so
     Enter cannot submit the form natively and reload the page). */
  function setUp(box) {
    const d = box.dataset;
    const name = d.selfcheck;
    const form = box.querySelector(`form.${C}-form`);
    if (!form) return;
    const status = form.querySelector(`.${C}-status`);
    const hintBox = box.querySelector(`:scope > .${C}-hint`);
    const reveal = box.querySelector(`.${C}-reveal`);
    const explain = box.querySelector(`button.${C}-explain`);
    const check = form.querySelector(`button.${C}-check`);
    const shownText = explain.textContent;
    const details = box.querySelector(`:scope > details.${C}-answer`);
    const hint = details.querySelector(`.${C}-hint`);
    let misses = 0;
    let read;
    let restore;

    if (d.kind === "number") {
      const input = form.querySelector("input");
      read = () => ({ value: readNumber(input.value, d.unit), typed: input.value });
      restore = (saved) => { input.value = saved || ""; };
    } else if (d.kind === "choice") {
      const radios = () => [...form.querySelectorAll("input[type=radio]")];
      read = () => {
        const on = radios().find((r) => r.checked);
        return { value: on ? on.value : null, typed: on ? on.value : "" };
      };
      restore = (saved) => radios().forEach((r) => { r.checked = r.value === saved; });
    } else {
      const ol = form.querySelector("fieldset ol");
      const rows = [...ol.children];
      rows.forEach((row) => {
        const text = row.querySelector("span");
        row.querySelectorAll(`button.${C}-move`).forEach((button, b) => {
          const step = b ? 1 : -1;
          button.setAttribute("aria-label", `${step < 0 ? T.up : T.down}: ${text.textContent}`);
          button.addEventListener("click", () => {
            const at = [...ol.children].indexOf(row) + step;
            if (at < 0 || at >= ol.children.length) return;
            if (step < 0) ol.children[at].before(row); else ol.children[at].after(row);
            button.focus();
            status.textContent = T.moved(text.textContent.trim(), at + 1);
          });
        });
      });
      read = () => {
        const order = [...ol.children].map((row) => row.dataset.item).join(",");
        return { value: order, typed: order };
      };
      restore = (saved) => {
        const order = saved ? saved.split(",") : rows.map((r) => r.dataset.item);
        ol.append(...order.map((i) => rows[Number(i)]).filter(Boolean));
      };
    }

    // the hint waits for a miss; the answer and explanation wait for the reader to ask
    explain.addEventListener("click", () => {
      reveal.hidden = !reveal.hidden;
      explain.setAttribute("aria-expanded", String(!reveal.hidden));
      explain.textContent = reveal.hidden ? shownText : T.hide;
    });
    box.querySelector(`button.${C}-clear`).addEventListener("click", () => {
      resets.forEach((reset) => reset());
      status.textContent = T.cleared;
    });

    const right = (value) => (d.kind === "number"
      ? Math.abs(value - Number(d.answer)) <= Number(d.tolerance) * (1 + 1e-9)
      : value === d.answer);
    const showHint = () => { if (hintBox) hintBox.hidden = false; };
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const { value, typed } = read();
      if (value === null) {
        status.textContent = d.kind === "number" ? T.unreadable : T.pick;
        return;
      }
      const ok = right(value);
      if (!ok) misses += 1;
      if (!ok) showHint();
      status.textContent = ok ? T.right : T.wrong + (hintBox ? ` ${T.hintNow}` : "");
      box.classList.toggle(`${C}-right`, ok);
      box.classList.toggle(`${C}-missed`, !ok);
      store(name, { typed, right: ok, misses });
    });
    resets.push(() => {
      misses = 0;
      restore("");
      status.textContent = "";
      box.classList.remove(`${C}-right`, `${C}-missed`);
      if (hintBox) hintBox.hidden = true;
      store(name, null);
    });

    const saved = (load()[PAGE] || {})[name];
    if (saved) {
      misses = saved.misses || 0;
      restore(saved.typed);
      if (misses) showHint();
      box.classList.add(saved.right ? `${C}-right` : `${C}-missed`);
      status.textContent = T.saved + (saved.right ? T.right : T.wrong);
    }
    // all wired: the hint, the answer and the explanation move from the toggle into their
    // hidden boxes, and the toggle goes (until here a failure leaves it whole)
    if (hint && hintBox) hintBox.append(...hint.childNodes);
    reveal.append(...[...details.children].filter((c) => c.tagName !== "SUMMARY" && c !== hint));
    box.querySelectorAll(`:scope > details.${C}-answer, :scope > ol.${C}-choices, :scope > ol.${C}-items`)
      .forEach((fallback) => fallback.remove());
    check.disabled = false;
  }

  // a box whose set-up fails shows its no-JavaScript toggle again (book-selfcheck.css),
  // and the other boxes are still set up
  document.querySelectorAll(`div.${C}[data-answer]`).forEach((box) => {
    try {
      setUp(box);
    } catch (error) {
      box.classList.add(`${C}-failed`);
      console.error("self-check", box.dataset.selfcheck, error);
    }
  });
})();
