// Click-to-load video: nothing is requested from the video host until the reader presses play.
(function () {
  if (window.__videoFacade) return;
  window.__videoFacade = true;
  function enhance(root) {
    root.querySelectorAll("[data-video] .video__play[hidden]").forEach(function (button) {
      button.hidden = false;
      var frame = button.closest(".video__frame");
      frame.classList.add("video__frame--ready");
      button.addEventListener("click", function () {
        var iframe = document.createElement("iframe");
        iframe.src = button.dataset.videoSrc;
        iframe.title = button.dataset.videoTitle;
        iframe.width = "640";
        iframe.height = "360";
        iframe.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
        iframe.allowFullscreen = true;
        iframe.className = "video__iframe";
        frame.replaceChildren(iframe);
        iframe.focus();
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  } else {
    enhance(document);
  }
})();
