/* An embed page (embed/...) tells the page whose frame shows it how tall its content is, so
 * that the frame can fit it without a scroll bar of its own.
 *
 * It posts {type: "chronicle:height", height: N, id: "embed/..."} to the page around the
 * frame when it loads and whenever its height changes (the frame's width changing, an image
 * loading). The message goes to any origin ("*": this page cannot know which site embeds
 * it), so it carries nothing but the height and which embed page this is. The snippet the
 * event pages offer listens for it, and takes it only from the site's origin and from the
 * frame it placed. Without this script, or without a listener, the frame keeps its height
 * (600 pixels in the snippet) and scrolls.
 */
(function () {
  "use strict";

  if (window.parent === window) return;
  var root = document.documentElement;
  var reported = 0;

  function report() {
    // The height of the content itself, not of the frame (which may be taller).
    var height = Math.ceil(root.getBoundingClientRect().height);
    if (height === reported) return;
    reported = height;
    window.parent.postMessage(
      {type: "chronicle:height", height: height, id: root.getAttribute("data-embed") || ""}, "*");
  }

  if ("ResizeObserver" in window) new ResizeObserver(report).observe(root);
  window.addEventListener("load", report);
  window.addEventListener("resize", report);
  report();
})();
