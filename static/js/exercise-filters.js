// Library filters: keep shareable URLs clean by leaving empty fields (e.g. "q=") out of the
// GET query. After filtering, move focus to the results heading and announce the count.
// The form works the same without this script.
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

  // A filtered listing: put the keyboard at the results and say how many there are (a status
  // present at load is not announced, so its text is set again once the page has settled).
  var results = document.querySelector("[data-library-filtered]");
  if (results) {
    var heading = results.querySelector("#results-heading");
    var count = results.querySelector("[data-library-count]");
    if (heading) heading.focus({ preventScroll: false });
    if (count) {
      var text = count.textContent;
      count.textContent = "";
      window.setTimeout(function () { count.textContent = text; }, 150);
    }
  }
})();
