/* Search and filters for the timeline page: progressive enhancement, no dependencies.
 *
 * Without this script the page lists every event, the form stays hidden, and the topic,
 * actor and place pages give the same access. With it, the form narrows the timeline in
 * place: a text search over search-index.json (fetched the first time a reader searches)
 * together with topic, actor, place and year filters. The state lives in the URL
 * (?q=&tag=&actor=&place=&year=), so a filtered timeline can be shared and such a URL
 * restores it. Nothing moves on screen by itself, so there is no motion to reduce.
 */
(function () {
  "use strict";

  var form = document.getElementById("finder");
  var timeline = document.getElementById("timeline");
  if (!form || !timeline || !window.URLSearchParams || !window.fetch || !String.prototype.normalize) {
    return;
  }

  var FACETS = ["tag", "actor", "place", "year"];
  var input = form.elements.namedItem("q");
  var selects = {};
  FACETS.forEach(function (name) { selects[name] = form.elements.namedItem(name); });
  var statusBox = document.getElementById("finder-status");
  var clearButton = document.getElementById("finder-clear");
  var events = Array.prototype.slice.call(timeline.querySelectorAll("article.event"));
  var sections = Array.prototype.slice.call(timeline.querySelectorAll("section.month, section.year"));
  var yearLinks = Array.prototype.slice.call(document.querySelectorAll(".year-index li[data-year]"));

  // The same folding as chronicle/search.py `fold` (chronicle/quotes.py normalise, accents dropped).
  var EQUIVALENT = {};
  function equivalent(chars, plain) {
    for (var i = 0; i < chars.length; i++) { EQUIVALENT[chars.charAt(i)] = plain; }
  }
  equivalent("\u2018\u2019\u201a\u201b\u2032\u02bc\u2039\u203a`\u00b4", "'");
  equivalent("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", "\"");
  equivalent("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-");

  function fold(text) {
    var plain = "";
    for (var i = 0; i < text.length; i++) {
      var c = text.charAt(i);
      plain += EQUIVALENT[c] || c;
    }
    return plain.toLowerCase().replace(/\u00df/g, "ss").replace(/\u03c2/g, "\u03c3")
      .normalize("NFKD").replace(/[\u0300-\u036f]/g, "").normalize("NFC")
      .replace(/\s+/g, " ").trim();
  }

  // Words of a query, each to be found; "words in quotation marks" stay one phrase.
  function termsOf(query) {
    var terms = [];
    var rest = fold(query).replace(/"([^"]*)"?/g, function (_, phrase) {
      phrase = phrase.trim();
      if (phrase) { terms.push(phrase); }
      return " ";
    });
    rest.split(" ").forEach(function (word) {
      word = word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
      if (word) { terms.push(word); }
    });
    return terms;
  }

  var texts = null;   // event id -> folded searchable text, once the index has loaded
  var loading = null;
  var indexFailed = false;

  function loadIndex() {
    if (!loading) {
      loading = fetch(form.getAttribute("data-index"), { credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) { throw new Error("search index: HTTP " + response.status); }
          return response.json();
        })
        .then(function (index) {
          var byId = {};
          index.events.forEach(function (entry) { byId[entry.id] = entry.text; });
          texts = byId;
        })
        .catch(function () {
          // The page's own text is a smaller index (no quotes, no aliases), but search still works.
          indexFailed = true;
          var byId = {};
          events.forEach(function (article) { byId[article.id] = fold(article.textContent); });
          texts = byId;
        });
    }
    return loading;
  }

  function readState() {
    var state = { q: input.value };
    FACETS.forEach(function (name) { state[name] = selects[name].value; });
    return state;
  }

  function matchesFacet(article, name, value) {
    if (!value) { return true; }
    if (name === "year") {
      var start = Number(article.getAttribute("data-year"));
      var end = Number(article.getAttribute("data-end-year") || start);
      return start <= Number(value) && Number(value) <= end;
    }
    return (" " + article.getAttribute("data-" + name + "s") + " ").indexOf(" " + value + " ") >= 0;
  }

  function optionName(select) {
    var option = select.options[select.selectedIndex];
    return option ? option.textContent.replace(/\s*\(\d+\)\s*$/, "") : "";
  }

  function plural(count, one, many) {
    return count + " " + (count === 1 ? one : many);
  }

  function describe(state, shown) {
    var total = events.length;
    var what = [];
    var query = state.q.trim();
    if (query) { what.push("matching " + (/["\u201c\u201d]/.test(query) ? query : "\u201c" + query + "\u201d")); }
    if (state.tag) { what.push("topic: " + optionName(selects.tag)); }
    if (state.actor) { what.push("actor: " + optionName(selects.actor)); }
    if (state.place) { what.push("place: " + optionName(selects.place)); }
    if (state.year) { what.push("year: " + state.year); }
    if (!what.length) { return plural(total, "event", "events") + "."; }
    var text = shown === 0
      ? "No event found (" + what.join("; ") + ")."
      : "Showing " + shown + " of " + plural(total, "event", "events") + " (" + what.join("; ") + ").";
    return indexFailed ? text + " (Quotes could not be searched.)" : text;
  }

  var statusTimer = 0;
  function announce(text, now) {
    // A screen reader hears the result once the reader pauses, not at every keystroke.
    window.clearTimeout(statusTimer);
    if (now) { statusBox.textContent = text; return; }
    statusTimer = window.setTimeout(function () { statusBox.textContent = text; }, 300);
  }

  function writeUrl(state) {
    var params = new URLSearchParams(window.location.search);
    ["q"].concat(FACETS).forEach(function (name) {
      var value = name === "q" ? state.q.trim() : state[name];
      if (value) { params.set(name, value); } else { params.delete(name); }
    });
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    if (url !== window.location.pathname + window.location.search + window.location.hash) {
      window.history.replaceState(window.history.state, "", url);
    }
  }

  function apply(now) {
    var state = readState();
    var terms = termsOf(state.q);
    if (terms.length && !texts) {
      announce("Searching\u2026", true);
      loadIndex().then(function () { apply(true); });
      writeUrl(state);
      return;
    }
    var shown = 0;
    var perYear = {};
    events.forEach(function (article) {
      var text = terms.length ? texts[article.id] || "" : "";
      var match = FACETS.every(function (name) { return matchesFacet(article, name, state[name]); }) &&
        terms.every(function (term) { return text.indexOf(term) >= 0; });
      article.hidden = !match;
      if (match) {
        shown += 1;
        var year = article.getAttribute("data-year");
        perYear[year] = (perYear[year] || 0) + 1;
      }
    });
    sections.forEach(function (section) {
      section.hidden = !section.querySelector("article.event:not([hidden])");
    });
    yearLinks.forEach(function (item) {
      var count = perYear[item.getAttribute("data-year")] || 0;
      item.hidden = count === 0;
      item.querySelector(".count").textContent = plural(count, "event", "events");
    });
    var active = terms.length > 0 || FACETS.some(function (name) { return state[name]; });
    timeline.classList.toggle("is-filtered", active);
    clearButton.hidden = !active;
    announce(describe(state, shown), now === true);
    writeUrl(state);
  }

  function readUrl() {
    var params = new URLSearchParams(window.location.search);
    input.value = params.get("q") || "";
    FACETS.forEach(function (name) {
      var value = params.get(name) || "";
      var select = selects[name];
      select.value = value;
      if (select.value !== value) { select.value = ""; }   // a value the timeline does not have
    });
  }

  function clearAll() {
    input.value = "";
    FACETS.forEach(function (name) { selects[name].value = ""; });
    apply(true);
    input.focus();
  }

  input.addEventListener("input", apply);
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && input.value) {
      event.preventDefault();
      input.value = "";
      apply(true);
    }
  });
  FACETS.forEach(function (name) { selects[name].addEventListener("change", function () { apply(true); }); });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    apply(true);
  });
  form.addEventListener("reset", function (event) {
    event.preventDefault();
    clearAll();
  });

  readUrl();
  form.hidden = false;
  apply(true);
}());
