// Injected by `serve` only, never into the built site: reloads on rebuild, shows content errors.
(function () {
  "use strict";
  var script = document.currentScript;
  var build = script ? new URL(script.src, window.location.href).searchParams.get("build") : null;
  // The page says which it is: a save may show it before the rest of the build is done.
  var source = new EventSource("/__chronicle/events?page=" + encodeURIComponent(window.location.pathname));
  var overlay = null;
  var listing = null;
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
      style.font = "14px/1.5 ui-monospace, monospace";
      style.borderTop = "4px solid #ff6b6b";
      var head = document.createElement("p");
      head.style.margin = "0 0 0.75rem";
      head.textContent = "The content has errors; this page shows the last good build. ";
      var close = document.createElement("button");
      close.type = "button";
      close.textContent = "Hide";
      close.style.font = "inherit";
      close.addEventListener("click", hide);  // shown again by the next rebuild with errors
      head.appendChild(close);
      // Lines as printed, not wrapped: the caret under a line points at its column.
      listing = document.createElement("pre");
      listing.style.margin = "0"; listing.style.font = "inherit";
      listing.style.whiteSpace = "pre"; listing.style.overflowX = "auto";
      overlay.appendChild(head);
      overlay.appendChild(listing);
      document.body.appendChild(overlay);
    }
    listing.textContent = errors;
  }
  function hide() {
    if (overlay) { overlay.remove(); overlay = null; listing = null; }
  }
  source.addEventListener("reload", function () { window.location.reload(); });
  // Sent on (re)connecting: a page built before the latest good build missed its reload.
  source.addEventListener("build", function (event) {
    if (build !== null && event.data !== build) { window.location.reload(); }
  });
  source.addEventListener("errors", function (event) { show(event.data); });
  source.addEventListener("ok", hide);
})();
