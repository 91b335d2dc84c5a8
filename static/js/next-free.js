// "Next free: Tue 1 Dec, 8:00 am with Maya" beside a booking link. Pages are served from the page
// cache, so the time is fetched after load from the booking app's small JSON endpoint and
// written into each empty placeholder (p.next-free[data-next-free]). Without JavaScript, or when
// there is no free time or the request fails, the placeholder stays hidden and the plain booking
// link is all there is.
(function () {
  if (window.__nextFree) return;
  window.__nextFree = true;
  var holders = Array.prototype.slice.call(document.querySelectorAll("[data-next-free]"));
  var answers = {};
  holders.forEach(function (holder) {
    var query = new URLSearchParams({
      service: holder.getAttribute("data-service") || "",
      promo: holder.getAttribute("data-promo") || "",
    });
    var url = holder.getAttribute("data-next-free") + "?" + query.toString();
    if (!answers[url]) {
      answers[url] = fetch(url, {
        credentials: "omit",
        headers: { Accept: "application/json" },
      }).then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      });
    }
    answers[url].then(function (data) {
      if (!data.available || !data.url) return;
      var link = document.createElement("a");
      link.href = data.url;
      link.className = "next-free__link";
      link.textContent = data.text;
      holder.replaceChildren(link);
      holder.hidden = false;
    }).catch(function () {});
  });
})();
