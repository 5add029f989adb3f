// Korean interface strings that sphinx-copybutton 0.5.2 and sphinx-togglebutton
// 0.4.5 hard-code in English (they have no Korean and no setting for them).
// Loaded on Korean pages only, after copybutton.js and togglebutton.js and
// before the page is ready, when those scripts add their buttons.
(function () {
  var copy = { copy: "복사", copy_to_clipboard: "클립보드에 복사",
               copy_success: "복사했습니다", copy_failure: "복사하지 못했습니다" };
  /* global messages, locale, iconCopy, iconCheck */
  if (typeof messages !== "undefined" && typeof locale !== "undefined") {
    messages.ko = copy;  // the tooltip ("Copy", "Copied!")
    locale = "ko";
    // the buttons' accessible names are the <title> of their icons
    iconCopy = iconCopy.replace(/<title>[^<]*<\/title>/, "<title>" + copy.copy_to_clipboard + "</title>");
    iconCheck = iconCheck.replace(/<title>[^<]*<\/title>/, "<title>" + copy.copy_success + "</title>");
  }
  function name() {
    document.querySelectorAll("button.toggle-button").forEach(function (button) {
      button.setAttribute("aria-label", "숨긴 내용 펼치기/접기");  // was "Toggle hidden content"
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", name);
  else name();
})();
