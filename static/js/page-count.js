// Counts one view of this page (or one booking started from a page) for the "Content that
// books" report: the page's id and nothing else, no cookie, no identifier. Sent after the page
// has loaded, so it never slows it, and from the browser, so pages served from the cache count.
(function () {
  var script = document.currentScript;
  if (!script || !navigator.sendBeacon) return;
  var url = script.getAttribute("data-url");
  var page = script.getAttribute("data-page");
  var kind = script.getAttribute("data-kind") || "view";
  if (!url || !page) return;
  navigator.sendBeacon(url + "?p=" + encodeURIComponent(page) + "&k=" + encodeURIComponent(kind));
})();
