/* Remote videos on an event page: a link card until the reader asks for the player.
 *
 * Nothing is requested from YouTube or Vimeo when the page loads: each video is a link card
 * (title, provider, credit) with a "Play here" button this script reveals. Pressing it puts
 * the provider's player (youtube-nocookie.com, player.vimeo.com with do-not-track), whose
 * address the page carries in data-player, in the button's place, under the video's title
 * and its link, which stay; the page's
 * Content-Security-Policy allows frames from that provider only. Without this script the
 * button stays hidden and the card's link leads to the video.
 */
(function () {
  "use strict";

  function play(figure) {
    var row = figure.querySelector(".media-play-row");
    var frame = document.createElement("iframe");
    frame.src = figure.getAttribute("data-player");
    frame.title = figure.getAttribute("data-player-title");
    frame.allow = "autoplay; encrypted-media; fullscreen; picture-in-picture";
    // YouTube's player refuses to play without knowing which site embeds it: send the origin only.
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    var holder = document.createElement("div");
    holder.className = "media-player";
    holder.appendChild(frame);
    row.replaceWith(holder);
    frame.focus();
  }

  var figures = document.querySelectorAll("figure[data-player]");
  for (var i = 0; i < figures.length; i += 1) {
    var figure = figures[i];
    var row = figure.querySelector(".media-play-row");
    if (!row) {
      continue;
    }
    row.hidden = false;
    row.querySelector("button").addEventListener("click", play.bind(null, figure));
  }
})();
