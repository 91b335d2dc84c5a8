// Scripts a page can do without until it has been painted (the page-view count, the next free
// time, the timer, the video facade) wait in placeholders: script elements of type text/plain
// with a data-after-paint URL. Once the page's first contentful paint is on screen, each
// becomes a real script, in page order, with the placeholder's other attributes: the first
// paint waits for none of their requests. This loader is written into the page (allowed by its
// hash in the Content-Security-Policy).
(function () {
  function load() {
    var placeholders = document.querySelectorAll("script[data-after-paint]");
    Array.prototype.forEach.call(placeholders, function (placeholder) {
      var script = document.createElement("script");
      Array.prototype.forEach.call(placeholder.attributes, function (attribute) {
        if (attribute.name !== "type" && attribute.name !== "data-after-paint") {
          script.setAttribute(attribute.name, attribute.value);
        }
      });
      script.async = false;
      script.src = placeholder.getAttribute("data-after-paint");
      placeholder.parentNode.replaceChild(script, placeholder);
    });
  }
  var started = false;
  function start() {
    if (started) return;
    started = true;
    setTimeout(function () {
      load();
      // Inline scripts with work that can wait (static/js/form-tokens.js) start it now.
      document.dispatchEvent(new Event("after-paint"));
    }, 0);
  }
  // The first contentful paint as the browser reports it once it is on screen (a frame callback
  // can run before the frame is shown)...
  var types = window.PerformanceObserver && PerformanceObserver.supportedEntryTypes;
  if (types && types.indexOf("paint") >= 0) {
    new PerformanceObserver(function (list, observer) {
      if (list.getEntriesByName("first-contentful-paint").length) {
        observer.disconnect();
        start();
      }
    }).observe({ type: "paint", buffered: true });
  }
  // ...or, without paint timing or for a page opened in a background tab (never painted), a
  // second after the load event (this script runs while the page is parsed, before it).
  window.addEventListener("load", function () {
    setTimeout(start, 1000);
  });
})();
