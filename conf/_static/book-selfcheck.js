/* Self-checks (conf/_ext/book_selfcheck.py): the reader's answer is checked here, in the
   browser; progress stays in this browser's localStorage; nothing is sent anywhere. */
(() => {
  "use strict";
  const C = "book-selfcheck";
  const KO = document.documentElement.lang === "ko";
  const T = KO ? {
    yours: "내 답", check: "확인", right: "맞았습니다.", wrong: "아쉽지만 틀렸습니다. 다시 해 보세요.",
    hintNow: "아래 힌트를 보세요.", unreadable: "숫자로 입력하세요. 예: 1,234.5 또는 −0.25",
    pick: "먼저 답을 고르세요.", explain: "풀이 보기", hide: "풀이 숨기기",
    clear: "이 페이지의 내 답 지우기", cleared: "이 페이지에 저장된 답을 지웠습니다.",
    saved: "저장된 답: ", choose: "하나를 고르세요.", order: "순서대로 놓으세요(맨 위가 처음).",
    up: "위로", down: "아래로", moved: (item, at) => `${item}: 이제 ${at}번째입니다.`,
  } : {
    yours: "Your answer", check: "Check", right: "Right.", wrong: "Not quite. Try again.",
    hintNow: "There is a hint below.", unreadable: "Type a number, such as 1,234.5 or −0.25.",
    pick: "Pick an answer first.", explain: "Show the worked answer", hide: "Hide the worked answer",
    clear: "Clear my answers on this page", cleared: "Your saved answers on this page are cleared.",
    saved: "Your saved answer: ", choose: "Pick one.", order: "Put them in order (first at the top).",
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
  const el = (tag, cls, text) => {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text) node.textContent = text;
    return node;
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

  function setUp(box, n) {
    const d = box.dataset;
    const name = d.selfcheck;
    const id = `${C}-${n}`;
    const details = box.querySelector(`:scope > details.${C}-answer`);
    const hint = details && details.querySelector(`.${C}-hint`);
    const form = el("form", `${C}-form`);
    form.noValidate = true;
    const status = el("p", `${C}-status`);
    status.id = `${id}-status`;
    status.setAttribute("role", "status");
    let misses = 0;
    let read;
    let restore;

    if (d.kind === "number") {
      const label = el("label", null, T.yours + (d.unit ? ` (${d.unit})` : ""));
      const input = el("input");
      Object.assign(input, { type: "text", id: `${id}-input`, inputMode: "decimal",
        autocomplete: "off", spellcheck: false });
      input.setAttribute("aria-describedby", status.id);
      label.htmlFor = input.id;
      form.append(label, input);
      read = () => ({ value: readNumber(input.value, d.unit), typed: input.value });
      restore = (saved) => { input.value = saved || ""; };
      details.before(form);
    } else {
      const list = box.querySelector(`ol.${C}-choices, ol.${C}-items`);
      const items = [...list.children].map((li, i) => {
        const text = el("span");
        text.append(`(${String.fromCharCode(65 + i)}) `,
          ...(li.firstElementChild && li.firstElementChild.tagName === "P"
            ? li.firstElementChild : li).childNodes);
        return text;
      });
      const group = el("fieldset", `${C}-${d.kind}`);
      group.append(el("legend", null, d.kind === "choice" ? T.choose : T.order));
      if (d.kind === "choice") {
        items.forEach((text, i) => {
          const row = el("div", `${C}-option`);
          const radio = el("input");
          Object.assign(radio, { type: "radio", name: id, value: String(i), id: `${id}-${i}` });
          const label = el("label");
          label.htmlFor = radio.id;
          label.append(text);
          row.append(radio, label);
          group.append(row);
        });
        const radios = () => [...group.querySelectorAll("input")];
        read = () => {
          const on = radios().find((r) => r.checked);
          return { value: on ? on.value : null, typed: on ? on.value : "" };
        };
        restore = (saved) => radios().forEach((r) => { r.checked = r.value === saved; });
      } else {
        const ol = el("ol");
        const rows = items.map((text, i) => {
          const row = el("li");
          row.dataset.item = String(i);
          row.append(text);
          for (const [word, step] of [[T.up, -1], [T.down, 1]]) {
            const button = el("button", `${C}-move`, step < 0 ? "↑" : "↓");
            button.type = "button";
            button.setAttribute("aria-label", `${word}: ${text.textContent}`);
            button.addEventListener("click", () => {
              const at = [...ol.children].indexOf(row) + step;
              if (at < 0 || at >= ol.children.length) return;
              if (step < 0) ol.children[at].before(row); else ol.children[at].after(row);
              button.focus();
              status.textContent = T.moved(text.textContent.trim(), at + 1);
            });
            row.append(button);
          }
          return row;
        });
        ol.append(...rows);
        group.append(ol);
        read = () => {
          const order = [...ol.children].map((row) => row.dataset.item).join(",");
          return { value: order, typed: order };
        };
        restore = (saved) => {
          const order = saved ? saved.split(",") : rows.map((r) => r.dataset.item);
          ol.append(...order.map((i) => rows[Number(i)]).filter(Boolean));
        };
      }
      form.append(group);
      list.replaceWith(form);
    }

    const check = el("button", `${C}-check`, T.check);
    check.type = "submit";
    form.append(check, status);

    // the hint waits for a miss; the answer and explanation wait for the reader to ask
    let hintBox = null;
    if (hint) {
      hintBox = hint;
      hintBox.id = `${id}-hint`;
      hintBox.hidden = true;
      form.after(hintBox);
    }
    const reveal = el("div", `${C}-reveal`);
    reveal.id = `${id}-reveal`;
    reveal.hidden = true;
    reveal.append(...[...details.children].filter((c) => c.tagName !== "SUMMARY" && c !== hint));
    const explain = el("button", `${C}-explain`, T.explain);
    explain.type = "button";
    explain.setAttribute("aria-expanded", "false");
    explain.setAttribute("aria-controls", reveal.id);
    explain.addEventListener("click", () => {
      reveal.hidden = !reveal.hidden;
      explain.setAttribute("aria-expanded", String(!reveal.hidden));
      explain.textContent = reveal.hidden ? T.explain : T.hide;
    });
    const clear = el("button", `${C}-clear`, T.clear);
    clear.type = "button";
    clear.addEventListener("click", () => {
      resets.forEach((reset) => reset());
      status.textContent = T.cleared;
    });
    const tools = el("div", `${C}-tools`);
    tools.append(explain, clear);
    details.replaceWith(tools, reveal);

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
  }

  const boxes = document.querySelectorAll(`div.${C}[data-answer]`);
  boxes.forEach((box, n) => setUp(box, n));
})();
