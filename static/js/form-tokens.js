// Forms on pages served from the page cache carry no CSRF token (the same HTML goes to every
// visitor). This fetches this visitor's token, and any other per-visitor hidden field, from the
// site, fills them in, and holds a submit that comes before they arrive. It is written into the
// page (allowed by its hash), so the hold is in place before the form can be sent; the fetch
// waits until the page is on screen (static/js/after-paint.js says when), or for a submit that
// comes sooner.
(function () {
  if (window.__formTokens) return;
  window.__formTokens = true;
  var forms = [];
  var ready = null;

  function fetchFields() {
    if (ready) return ready;
    ready = fetch(forms[0].getAttribute("data-fresh-fields"), {
      credentials: "same-origin",
      cache: "no-store",
      priority: "low",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (data) {
        forms.forEach(function (form) {
          Object.keys(data.fields).forEach(function (name) {
            var input = form.querySelector('input[type="hidden"][name="' + name + '"]');
            if (input) input.value = data.fields[name];
          });
          form.setAttribute("data-fresh-fields-ready", "");
        });
      });
    return ready;
  }

  function start() {
    forms = Array.prototype.slice.call(document.querySelectorAll("form[data-fresh-fields]"));
    if (!forms.length) return;
    forms.forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (form.hasAttribute("data-fresh-fields-ready")) return;
        event.preventDefault();
        var send = function () { HTMLFormElement.prototype.submit.call(form); };
        fetchFields().then(send, send);
      });
    });
    document.addEventListener("after-paint", fetchFields);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
