// Scripts a page can do without until it has been painted (the page-view count, the next free
// time, the timer, the video facade) wait in placeholders: script elements of type text/plain
// with a data-after-paint URL. Once the document is parsed and the next frame is on screen,
// each becomes a real script, in page order, with the placeholder's other attributes: the first
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
  function afterNextFrame() {
    requestAnimationFrame(function () {
      setTimeout(load, 0);
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", afterNextFrame);
  } else {
    afterNextFrame();
  }
})();
