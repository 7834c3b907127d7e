/* Search and filters for the timeline page: progressive enhancement, no dependencies.
 *
 * Without this script the form stays hidden and the year, topic, actor and place pages give
 * the same access. With it, a text search and topic, actor, place and year filters work
 * together across every event, from the search index the build writes in pieces
 * (chronicle/render/search/shards.py): search/index.json (the manifest, fetched the first
 * time a reader searches or filters), then only the shards holding the words and filters
 * asked for and the titles of the results shown. Where the page holds every event
 * (data-complete) the form narrows it in place; otherwise the results are listed under the
 * form, 20 at a time, each linking to its event's page. The state lives in the URL
 * (?q=&tag=&actor=&place=&year=), so a search can be shared and such a URL restores it.
 * Nothing moves on screen by itself, so there is no motion to reduce.
 */
(function () {
  "use strict";

  var form = document.getElementById("finder");
  if (!form || !window.URLSearchParams || !window.fetch || !window.Uint8Array || !String.prototype.normalize) {
    return;
  }

  var FACETS = ["tag", "actor", "place", "year"];
  var PAGE = 20;              // results listed at a time
  var MAX_PREFIX_SHARDS = 4;  // a word whose beginnings fill more shards is matched whole
  var input = form.elements.namedItem("q");
  var selects = {};
  FACETS.forEach(function (name) { selects[name] = form.elements.namedItem(name); });
  var statusBox = document.getElementById("finder-status");
  var clearButton = document.getElementById("finder-clear");
  var indexUrl = form.getAttribute("data-index");
  var folder = indexUrl.slice(0, indexUrl.lastIndexOf("/") + 1);
  var root = folder.replace(/search\/$/, "");
  var total = Number(form.getAttribute("data-total"));
  var complete = form.hasAttribute("data-complete");

  // In place, where the page holds every event in timeline order (event i is the i-th card).
  var timeline = document.getElementById("timeline");
  var events = complete && timeline ? Array.prototype.slice.call(timeline.querySelectorAll("article.event")) : [];
  var sections = complete && timeline ? Array.prototype.slice.call(timeline.querySelectorAll("section.month, section.year")) : [];
  var yearLinks = complete ? Array.prototype.slice.call(document.querySelectorAll(".year-index li[data-year]")) : [];
  // As a list, where the page holds one period.
  var results = document.getElementById("finder-results");
  var list = document.getElementById("finder-list");
  var moreButton = document.getElementById("finder-more");
  var hiddenWhileListing = Array.prototype.slice.call(document.querySelectorAll("#timeline, .period-note"));

  // The same folding as chronicle/render/search/words.py `fold`.
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

  // The words of a text, as chronicle/render/search/words.py `words` splits them.
  function wordsOf(text) {
    return fold(text).match(/[\p{L}\p{M}\p{N}]+/gu) || [];
  }

  // What a query asks for: each word found at the beginning of a word, those in quotation
  // marks (and a word of one character) whole.
  function termsOf(query) {
    var terms = [];
    var rest = query.replace(/["\u201c\u201d\u201e\u00ab\u00bb]([^"\u201c\u201d\u201e\u00ab\u00bb]*)["\u201c\u201d\u201e\u00ab\u00bb]?/g, function (_, phrase) {
      wordsOf(phrase).forEach(function (word) { terms.push({ word: word, whole: true }); });
      return " ";
    });
    wordsOf(rest).forEach(function (word) { terms.push({ word: word, whole: word.length < 2 }); });
    return terms;
  }

  var fetched = {};
  function fetchJson(url) {
    if (!fetched[url]) {
      fetched[url] = fetch(url, { credentials: "same-origin" }).then(function (response) {
        if (!response.ok) { throw new Error(url + ": HTTP " + response.status); }
        return response.json();
      });
      fetched[url].catch(function () { delete fetched[url]; });   // a later search tries again
    }
    return fetched[url];
  }

  function manifest() {
    return fetchJson(indexUrl).then(function (index) {
      if (index.version !== 2) { throw new Error("search index: unknown version " + index.version); }
      return index;
    });
  }

  // The shard that holds `key` (keys sorted as strings compare).
  function shardOf(index, key) {
    var keys = index.shardKeys;
    var low = 0;
    var high = keys.length;
    while (low < high) {
      var middle = (low + high) >> 1;
      if (keys[middle] <= key) { low = middle + 1; } else { high = middle; }
    }
    return Math.max(0, low - 1);
  }

  function shard(index, number) {
    return fetchJson(folder + "t/" + index.shards[number] + ".json");
  }

  // A key's events as a set (one byte per event), from chronicle/render/search/postings.py.
  function readPostings(text, into) {
    if (text.charAt(0) === "~") {
      var bytes = atob(text.slice(1));
      for (var n = 0; n < into.length; n++) {
        if (bytes.charCodeAt(n >> 3) >> (n & 7) & 1) { into[n] = 1; }
      }
      return into;
    }
    var last = -1;
    text.split(",").forEach(function (item) {
      var parts = item.split("+");
      last += parseInt(parts[0], 36);
      into[last] = 1;
      for (var more = parts[1] ? parseInt(parts[1], 36) : 0; more > 0; more--) { into[++last] = 1; }
    });
    return into;
  }

  // The events a key is found in; with `prefix`, those of every word it begins.
  function eventsOf(index, key, prefix) {
    var found = new Uint8Array(index.events);
    var first = shardOf(index, key);
    var last = prefix ? shardOf(index, key + "\uffff") : first;
    var whole = prefix && last - first >= MAX_PREFIX_SHARDS;
    if (whole) { last = first; }
    var loads = [];
    for (var number = first; number <= last; number++) { loads.push(shard(index, number)); }
    return Promise.all(loads).then(function (shards) {
      shards.forEach(function (terms) {
        Object.keys(terms).forEach(function (term) {
          if (term === key || (prefix && !whole && term.lastIndexOf(key, 0) === 0)) { readPostings(terms[term], found); }
        });
      });
      return { events: found, whole: whole };
    });
  }

  function readState() {
    var state = { q: input.value };
    FACETS.forEach(function (name) { state[name] = selects[name].value; });
    return state;
  }

  function isActive(state) {
    return termsOf(state.q).length > 0 || FACETS.some(function (name) { return state[name]; });
  }

  // The events matching every word and filter: one byte per event, and words matched whole.
  function search(state) {
    return manifest().then(function (index) {
      var asks = termsOf(state.q).map(function (term) {
        return eventsOf(index, term.word, !term.whole).then(function (found) {
          return { events: found.events, shortened: found.whole ? term.word : null };
        });
      });
      FACETS.forEach(function (name) {
        if (state[name]) {
          asks.push(eventsOf(index, "#" + name + ":" + state[name], false));
        }
      });
      return Promise.all(asks).then(function (answers) {
        var matches = new Uint8Array(index.events).fill(1);
        var shortened = [];
        answers.forEach(function (answer) {
          for (var n = 0; n < matches.length; n++) { matches[n] &= answer.events[n]; }
          if (answer.shortened) { shortened.push(answer.shortened); }
        });
        return { index: index, matches: matches, shortened: shortened };
      });
    });
  }

  function optionName(select) {
    var option = select.options[select.selectedIndex];
    return option ? option.textContent.replace(/\s*\(\d+\)\s*$/, "") : "";
  }

  function plural(count, one, many) {
    return count + " " + (count === 1 ? one : many);
  }

  function describe(state, found, listed) {
    var what = [];
    var query = state.q.trim();
    if (query) { what.push("matching " + (/["\u201c\u201d]/.test(query) ? query : "\u201c" + query + "\u201d")); }
    FACETS.forEach(function (name) {
      if (state[name]) { what.push((name === "tag" ? "topic" : name) + ": " + optionName(selects[name])); }
    });
    if (!what.length) { return plural(total, "event", "events") + "."; }
    var text = found === 0
      ? "No event found (" + what.join("; ") + ")."
      : (complete ? "Showing " + found + " of " : found + " of ") + plural(total, "event", "events") + " (" + what.join("; ") + ")." +
        (listed && listed < found ? " Listing the first " + listed + "." : "");
    return text;
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

  function showInPlace(matches) {
    var perYear = {};
    var shown = 0;
    events.forEach(function (article, number) {
      var match = matches === null || matches[number] === 1;
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
    timeline.classList.toggle("is-filtered", matches !== null);
    return shown;
  }

  // The listed results: their numbers, and how many of them are on the page.
  var listing = { numbers: [], shown: 0, index: null };

  function listMore(generation, focusFirst) {
    var index = listing.index;
    var numbers = listing.numbers.slice(listing.shown, listing.shown + PAGE);
    var files = {};
    numbers.forEach(function (n) { files[Math.floor(n / index.docsPerFile)] = true; });
    var loads = Object.keys(files).map(function (file) {
      return fetchJson(folder + "d/" + index.docs[file] + ".json").then(function (docs) { files[file] = docs; });
    });
    return Promise.all(loads).then(function () {
      if (generation !== current) { return; }
      var firstLink = null;
      numbers.forEach(function (n) {
        var doc = files[Math.floor(n / index.docsPerFile)][n % index.docsPerFile];
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = root + doc[2];
        link.textContent = doc[0];
        var date = document.createElement("span");
        date.className = "result-date";
        date.textContent = doc[1];
        item.appendChild(date);
        item.appendChild(document.createTextNode(" "));
        item.appendChild(link);
        list.appendChild(item);
        firstLink = firstLink || link;
      });
      listing.shown += numbers.length;
      moreButton.hidden = listing.shown >= listing.numbers.length;
      if (focusFirst && firstLink) { firstLink.focus(); }
    });
  }

  function showList(found, generation) {
    var numbers = [];
    for (var n = 0; n < found.matches.length; n++) {
      if (found.matches[n]) { numbers.push(n); }
    }
    list.textContent = "";
    listing = { numbers: numbers, shown: 0, index: found.index };
    results.hidden = false;
    hiddenWhileListing.forEach(function (element) { element.hidden = true; });
    moreButton.hidden = true;
    return listMore(generation, false).then(function () { return numbers.length; });
  }

  function hideList() {
    if (!results) { return; }
    results.hidden = true;
    list.textContent = "";
    hiddenWhileListing.forEach(function (element) { element.hidden = false; });
  }

  var current = 0;   // the latest search: an earlier one that answers late is dropped
  var typing = 0;

  function apply(now) {
    var state = readState();
    var generation = ++current;
    writeUrl(state);
    clearButton.hidden = !isActive(state);
    if (!isActive(state)) {
      if (complete) { showInPlace(null); } else { hideList(); }
      announce(describe(state, total, 0), now === true);
      return;
    }
    announce("Searching\u2026", true);
    search(state).then(function (found) {
      if (generation !== current) { return null; }
      if (complete) {
        var shown = showInPlace(found.matches);
        return { found: shown, listed: 0, shortened: found.shortened };
      }
      return showList(found, generation).then(function (count) {
        return { found: count, listed: Math.min(count, PAGE), shortened: found.shortened };
      });
    }).then(function (outcome) {
      if (!outcome || generation !== current) { return; }
      var note = outcome.shortened.length
        ? " So many words begin with \u201c" + outcome.shortened.join("\u201d, \u201c") + "\u201d that it was found only as a whole word."
        : "";
      announce(describe(state, outcome.found, outcome.listed) + note, true);
    }).catch(function () {
      if (generation !== current) { return; }
      announce("The search index could not be loaded. Try again, or browse by year, topic, actor or place.", true);
    });
  }

  function readUrl() {
    var params = new URLSearchParams(window.location.search);
    input.value = params.get("q") || "";
    FACETS.forEach(function (name) {
      var value = params.get(name) || "";
      var select = selects[name];
      select.value = value;
      if (select.value !== value && select.hasAttribute("data-partial") && /^[\w.-]+$/.test(value)) {
        // One the form does not offer (only the busiest are): filter by it all the same.
        select.appendChild(new Option(value, value));
        select.value = value;
      }
      if (select.value !== value) { select.value = ""; }
    });
  }

  function clearAll() {
    input.value = "";
    FACETS.forEach(function (name) { selects[name].value = ""; });
    apply(true);
    input.focus();
  }

  input.addEventListener("input", function () {
    // One search per pause in typing, not one per key.
    window.clearTimeout(typing);
    typing = window.setTimeout(apply, 150);
  });
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
    window.clearTimeout(typing);
    apply(true);
  });
  form.addEventListener("reset", function (event) {
    event.preventDefault();
    clearAll();
  });
  if (moreButton) {
    moreButton.addEventListener("click", function () { listMore(current, true); });
  }

  readUrl();
  form.hidden = false;
  apply(true);
}());
