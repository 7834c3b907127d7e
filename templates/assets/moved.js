/* An event's old address (its file was renamed: `former_slugs`): go on to its page at once,
 * keeping the part of the page the link named (#sources-h ...), which the page's
 * <meta http-equiv="refresh"> would drop. Without this script, the refresh still goes on to
 * the page's top, and the page itself links there. location.replace: the old address does
 * not stay in the history, so Back does not lead here again.
 */
(function () {
  "use strict";
  var link = document.getElementById("moved-to");
  if (link) window.location.replace(link.href + window.location.hash);
})();
