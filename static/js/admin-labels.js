/* Accessible names for two admin inputs Wagtail leaves unnamed:
 * - the text box tag-it adds for tag fields (named by the tag field's own label);
 * - the rich-text box of a StreamField block (named by the block field's label, e.g. "Text").
 * Runs on load and whenever the editor adds blocks or inline forms. */
(function () {
  "use strict";
  var counter = 0;

  function labelId(label) {
    if (!label.id) label.id = "w-label-" + (++counter);
    return label.id;
  }

  function nameTagInputs(root) {
    root.querySelectorAll('input[data-controller~="w-tag"]').forEach(function (original) {
      var box = original.parentElement && original.parentElement.querySelector(".tagit-new input");
      if (!box || box.hasAttribute("aria-labelledby")) return;
      var label = document.querySelector('label[for="' + original.id + '"]');
      if (label) box.setAttribute("aria-labelledby", labelId(label));
      var help = original.getAttribute("aria-describedby");
      if (help) box.setAttribute("aria-describedby", help);
    });
  }

  function nameRichText(root) {
    root.querySelectorAll('.public-DraftEditor-content[role="textbox"]').forEach(function (box) {
      if (box.hasAttribute("aria-labelledby") || box.hasAttribute("aria-label")) return;
      var field = box.closest("[data-contentpath]");
      var label = field && field.querySelector(".w-field__label");
      if (!label) {
        var wrapper = box.closest("[data-field-wrapper], .w-field__wrapper");
        var input = wrapper && wrapper.querySelector("input[id]");
        label = input && document.querySelector('label[for="' + input.id + '"]');
      }
      if (label) box.setAttribute("aria-labelledby", labelId(label));
    });
  }

  var pending = false;
  function run() {
    pending = false;
    nameTagInputs(document);
    nameRichText(document);
  }
  function schedule() {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(run);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", schedule);
  } else {
    schedule();
  }
  new MutationObserver(schedule).observe(document.documentElement, { childList: true, subtree: true });
})();
