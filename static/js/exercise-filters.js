// Library filters: keep shareable URLs clean by leaving empty fields (e.g. "q=") out of the
// GET query. The form works the same without this script.
(function () {
  "use strict";
  document.querySelectorAll("form[data-library-filters]").forEach(function (form) {
    form.addEventListener("submit", function () {
      form.querySelectorAll("input[type=search], input[type=text]").forEach(function (input) {
        if (!input.value.trim()) input.disabled = true;
      });
      // Re-enable after navigation starts, so going back shows the field usable.
      window.setTimeout(function () {
        form.querySelectorAll("input:disabled").forEach(function (input) { input.disabled = false; });
      }, 0);
    });
  });
})();
