// Injected by `serve` only, never into the built site: reloads on rebuild, shows content errors.
(function () {
  "use strict";
  var script = document.currentScript;
  var build = script ? new URL(script.src, window.location.href).searchParams.get("build") : null;
  // The page says which it is: a save may show it before the rest of the build is done.
  var source = new EventSource("/__chronicle/events?page=" + encodeURIComponent(window.location.pathname));
  var overlay = null;
  function show(errors) {
    if (!overlay) {
      overlay = document.createElement("section");
      overlay.id = "chronicle-errors";
      overlay.setAttribute("role", "alert");
      overlay.setAttribute("aria-label", "Content errors");
      var style = overlay.style;
      style.position = "fixed"; style.left = "0"; style.right = "0"; style.bottom = "0";
      style.maxHeight = "60vh"; style.overflow = "auto"; style.zIndex = "2147483647";
      style.background = "#2b0b0b"; style.color = "#ffe9e9"; style.padding = "1rem";
      style.font = "14px/1.5 ui-monospace, monospace"; style.whiteSpace = "pre-wrap";
      style.borderTop = "4px solid #ff6b6b";
      document.body.appendChild(overlay);
    }
    overlay.textContent = "The content has errors; this page shows the last good build.\n\n" + errors;
  }
  function hide() {
    if (overlay) { overlay.remove(); overlay = null; }
  }
  source.addEventListener("reload", function () { window.location.reload(); });
  // Sent on (re)connecting: a page built before the latest good build missed its reload.
  source.addEventListener("build", function (event) {
    if (build !== null && event.data !== build) { window.location.reload(); }
  });
  source.addEventListener("errors", function (event) { show(event.data); });
  source.addEventListener("ok", hide);
})();
