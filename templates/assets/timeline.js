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
  var MAX_SHARDS = 12;        // at most this many pieces of the index per search (300 KB in all)
  var MAX_QUERY = 200;        // characters of a query kept
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

  // What the script says, in the page's language: messages with %(name)s placeholders, a
  // count's in each plural category (chronicle/render/theme.py `plural_forms`).
  var messagesBox = document.getElementById("finder-messages");
  var MESSAGES = messagesBox ? JSON.parse(messagesBox.textContent) : {};
  var language = document.documentElement.lang || "en";
  var numbers = window.Intl ? new Intl.NumberFormat(language, { numberingSystem: "latn" }) : null;
  var pluralRules = window.Intl && Intl.PluralRules ? new Intl.PluralRules(language) : null;

  // Read as Python's % reads them: %% is a percent sign, and the %( after it is text.
  function fill(text, values) {
    return text.replace(/%%|%\((\w+)\)s/g, function (piece, name) {
      return piece === "%%" ? "%" : values && name in values ? values[name] : "";
    });
  }

  function say(key, values) {
    return fill(MESSAGES[key] || "", values);
  }

  function number(count) {
    return numbers ? numbers.format(count) : String(count);
  }

  // A message said by count: the form of the count's plural category, %(num)s the count.
  function sayCount(key, count, values) {
    var forms = MESSAGES[key] || {};
    var category = pluralRules ? pluralRules.select(count) : (count === 1 ? "one" : "other");
    var text = forms[category] || forms.other || "";
    var all = { num: number(count) };
    Object.keys(values || {}).forEach(function (name) { all[name] = values[name]; });
    return fill(text, all);
  }

  // In place, where the page holds every event in timeline order (event i is the i-th card).
  var timeline = document.getElementById("timeline");
  var events = complete && timeline ? Array.prototype.slice.call(timeline.querySelectorAll("article.event")) : [];
  var sections = complete && timeline ? Array.prototype.slice.call(timeline.querySelectorAll("section.month, section.year")) : [];
  var yearLinks = complete ? Array.prototype.slice.call(document.querySelectorAll(".year-index li[data-year]")) : [];
  // A month's note saying how many of its events may have happened outside it: under a filter
  // it counts those still shown (and goes when none is), so it stays true of what is seen.
  var outsideNotes = complete && timeline ? Array.prototype.slice.call(timeline.querySelectorAll(".month-note[data-outside]")) : [];
  var outsideTexts = outsideNotes.map(function (note) { return note.textContent; });
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

  // Letters Unicode does not decompose, spelled plainly (words.py PLAIN_LETTERS).
  var PLAIN = { "\u00f8": "o", "\u0142": "l", "\u0111": "d", "\u00f0": "d", "\u0127": "h",
    "\u0131": "i", "\u00e6": "ae", "\u0153": "oe", "\u00fe": "th" };

  // Unicode's default-ignorable characters, which the index drops as quote matching does
  // (chronicle/source/quotes.py IGNORABLE): a pasted soft hyphen or zero-width space.
  var IGNORABLE = /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\u{1bca0}-\u{1bca3}\u{1d173}-\u{1d17a}\u{e0000}-\u{e0fff}]/gu;
  function fold(text) {
    text = text.replace(IGNORABLE, "");
    var plain = "";
    for (var i = 0; i < text.length; i++) {
      var c = text.charAt(i);
      plain += EQUIVALENT[c] || c;
    }
    return plain.toLowerCase().replace(/\u00df/g, "ss").replace(/\u03c2/g, "\u03c3")
      .normalize("NFKD")
      .replace(/[\u0300-\u036f\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7\u064b-\u065f\u0670\u093c]/g, "")
      .normalize("NFC").replace(/[\u00f8\u0142\u0111\u00f0\u0127\u0131\u00e6\u0153\u00fe]/g, function (c) { return PLAIN[c]; })
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
    var rest = query.replace(/["\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]([^"\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]*)["\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]?/g, function (_, phrase) {
      wordsOf(phrase).forEach(function (word) { terms.push({ word: word, whole: true }); });
      return " ";
    });
    wordsOf(rest).forEach(function (word) { terms.push({ word: word, whole: word.length < 2 }); });
    return terms;
  }

  var fetched = {};
  function fetchJson(url, fresh) {
    if (!fetched[url] || fresh) {
      fetched[url] = fetch(url, { credentials: "same-origin", cache: fresh ? "no-cache" : "default" })
        .then(function (response) {
          if (!response.ok) { throw new Error(url + ": HTTP " + response.status); }
          return response.json();
        });
      fetched[url].catch(function () { delete fetched[url]; });   // a later search tries again
    }
    return fetched[url];
  }

  function manifest(fresh) {
    return fetchJson(indexUrl, fresh).then(function (index) {
      if (index.version !== 3) { throw new Error("search index: unknown version " + index.version); }
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

  // Which shards each ask reads, within MAX_SHARDS for the whole search: the filters first,
  // then each word by its beginning where its shards fit, else whole, else not at all.
  function plan(index, asks) {
    var chosen = {};
    var count = 0;
    function fits(first, last) {
      var extra = 0;
      for (var n = first; n <= last; n++) { if (!chosen[n]) { extra++; } }
      return count + extra <= MAX_SHARDS;
    }
    function take(first, last) {
      for (var n = first; n <= last; n++) { if (!chosen[n]) { chosen[n] = true; count++; } }
    }
    asks.forEach(function (ask) {
      var first = shardOf(index, ask.key);
      var last = ask.prefix ? shardOf(index, ask.key + "\uffff") : first;
      if (ask.prefix && last - first < MAX_PREFIX_SHARDS && fits(first, last)) {
        ask.shards = [first, last];
      } else if (fits(first, first)) {
        ask.shards = [first, first];
        ask.shortened = ask.prefix;
        ask.prefix = false;
      } else {
        ask.dropped = true;
        return;
      }
      take(ask.shards[0], ask.shards[1]);
    });
  }

  // The events an ask finds (with `prefix`, those of every word its key begins).
  function eventsOf(index, ask) {
    var found = new Uint8Array(index.events);
    var loads = [];
    for (var number = ask.shards[0]; number <= ask.shards[1]; number++) {
      loads.push(fetchJson(folder + "t/" + index.shards[number] + ".json"));
    }
    return Promise.all(loads).then(function (shards) {
      shards.forEach(function (terms) {
        Object.keys(terms).forEach(function (term) {
          if (term === ask.key || (ask.prefix && term.lastIndexOf(ask.key, 0) === 0)) { readPostings(terms[term], found); }
        });
      });
      return found;
    });
  }

  function readState() {
    var state = { q: input.value.slice(0, MAX_QUERY) };
    FACETS.forEach(function (name) { state[name] = selects[name].value; });
    return state;
  }

  function isActive(state) {
    return termsOf(state.q).length > 0 || FACETS.some(function (name) { return state[name]; });
  }

  function asksOf(state) {
    var asks = [];
    FACETS.forEach(function (name) {
      if (state[name]) { asks.push({ key: "#" + name + ":" + state[name], prefix: false }); }
    });
    termsOf(state.q).forEach(function (term) { asks.push({ key: term.word, prefix: !term.whole, word: term.word }); });
    return asks;
  }

  // The events matching every word and filter (one byte per event), with the words matched
  // whole or left out to keep within MAX_SHARDS.
  function searchIn(index, state) {
    var asks = asksOf(state);
    plan(index, asks);
    var kept = asks.filter(function (ask) { return !ask.dropped; });
    return Promise.all(kept.map(function (ask) { return eventsOf(index, ask); })).then(function (answers) {
      var matches = new Uint8Array(index.events).fill(1);
      answers.forEach(function (events) {
        for (var n = 0; n < matches.length; n++) { matches[n] &= events[n]; }
      });
      return {
        index: index,
        matches: matches,
        shortened: asks.filter(function (ask) { return ask.shortened; }).map(function (ask) { return ask.word; }),
        dropped: asks.filter(function (ask) { return ask.dropped; }).map(function (ask) { return ask.word; })
      };
    });
  }

  // A search; when a piece is missing (the site was rebuilt since the manifest was read),
  // once more with a fresh manifest.
  function search(state) {
    return manifest(false).then(function (index) { return searchIn(index, state); })
      .catch(function () {
        fetched = {};
        return manifest(true).then(function (index) { return searchIn(index, state); });
      });
  }

  // Where the index cannot be fetched (a page opened from disk: file:// forbids it), a page
  // holding every event is searched in its own text and its cards' data.
  function searchPage(state) {
    var terms = termsOf(state.q);
    var matches = new Uint8Array(events.length);
    events.forEach(function (article, number) {
      var found = wordsOf(article.textContent);
      var facets = FACETS.every(function (name) {
        var value = state[name];
        if (!value) { return true; }
        if (name === "year") {
          var start = Number(article.getAttribute("data-year"));
          var end = Number(article.getAttribute("data-end-year") || start);
          return start <= Number(value) && Number(value) <= end;
        }
        return (" " + article.getAttribute("data-" + name + "s") + " ").indexOf(" " + value + " ") >= 0;
      });
      var words = terms.every(function (term) {
        return found.some(function (word) { return term.whole ? word === term.word : word.lastIndexOf(term.word, 0) === 0; });
      });
      matches[number] = facets && words ? 1 : 0;
    });
    return { matches: matches, shortened: [], dropped: [], fromPage: true };
  }

  function optionName(select) {
    var option = select.options[select.selectedIndex];
    return option ? option.textContent.replace(/\s*\([\d\s.,\u00a0\u202f\u066c]+\)\s*$/, "") : "";
  }

  // Words the reader typed, in the quotation marks of the page's language ("quoted": “…”,
  // «…», „…“), the reader's own marks around them dropped.
  function quoted(query) {
    var text = query.length > 60 ? query.slice(0, 60) + "\u2026" : query;
    return say("quoted", { text: text.replace(/^["\u201c\u201d\u201e\u00ab\u00bb]+|["\u201c\u201d\u201e\u00ab\u00bb]+$/g, "") });
  }

  function describe(state, outcome) {
    var what = [];
    var query = state.q.trim();
    if (query && termsOf(query).length) { what.push(say("matching", { query: quoted(query) })); }
    FACETS.forEach(function (name) {
      if (state[name]) { what.push(say(name, { name: optionName(selects[name]) })); }
    });
    var notes = "";
    if (query && !termsOf(query).length) { notes += " " + say("noWord", { query: quoted(query) }); }
    if (unknown.length) { notes += " " + say("notFiltered", { list: unknown.join(say("listSeparator")) }); unknown = []; }
    if (!what.length) { return sayCount("eventsSentence", total) + notes; }
    var found = outcome.found;
    var said = { found: number(found), what: what.join(say("separator")) };
    var text = found === 0 ? say("noneFound", said) : sayCount(complete ? "showing" : "foundOf", total, said);
    if (outcome.listed && outcome.listed < found) { text += " " + say("listingFirst", { count: number(outcome.listed) }); }
    if (outcome.shortened.length) {
      text += " " + say("shortened", { words: outcome.shortened.map(quoted).join(say("listSeparator")) });
    }
    if (outcome.dropped.length) {
      text += " " + say("dropped", { words: outcome.dropped.map(quoted).join(say("listSeparator")) });
    }
    if (outcome.fromPage) { text += " " + say("fromPage"); }
    return text + notes;
  }

  var statusTimer = 0;
  function announce(text, now) {
    // A screen reader hears the result once the reader pauses, not at every keystroke.
    window.clearTimeout(statusTimer);
    if (now) { statusBox.textContent = text; return; }
    statusTimer = window.setTimeout(function () { statusBox.textContent = text; }, 500);
  }

  function writeUrl(state, shown) {
    var params = new URLSearchParams(window.location.search);
    ["q"].concat(FACETS).forEach(function (name) {
      var value = name === "q" ? state.q.trim() : state[name];
      if (value) { params.set(name, value); } else { params.delete(name); }
    });
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    // How many results are listed, so that Back from a result lists as many again.
    window.history.replaceState({ finderShown: shown || 0 }, "", url);
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
    outsideNotes.forEach(function (note, index) {
      var outside = note.getAttribute("data-outside").split(" ");
      var cards = note.parentNode.querySelectorAll("article.event:not([hidden])");
      var count = Array.prototype.filter.call(cards, function (card) { return outside.indexOf(card.id) !== -1; }).length;
      note.hidden = count === 0;
      note.textContent = matches === null ? outsideTexts[index]
        : sayCount("outside", count, { period: note.getAttribute("data-period") });
    });
    yearLinks.forEach(function (item) {
      var count = perYear[item.getAttribute("data-year")] || 0;
      item.hidden = count === 0;
      item.querySelector(".count").textContent = sayCount("events", count);
    });
    timeline.classList.toggle("is-filtered", matches !== null);
    return shown;
  }

  // The results listed: their numbers, how many are on the page, and the search they answer.
  var listing = null;

  // List `count` more results of `current` (a listing): nothing happens once another search
  // has replaced it, and "Show more" waits while they load.
  function listMore(current, count, focusFirst) {
    var index = current.index;
    var numbers = current.numbers.slice(current.shown, current.shown + count);
    current.shown += numbers.length;
    moreButton.disabled = true;
    var files = {};
    numbers.forEach(function (n) { files[Math.floor(n / index.docsPerFile)] = null; });
    // The manifest names lists of title files, each list the names of docFilesPerList files.
    var loads = Object.keys(files).map(function (file) {
      var named = Math.floor(file / index.docFilesPerList);
      return fetchJson(folder + "l/" + index.docLists[named] + ".json").then(function (names) {
        return fetchJson(folder + "d/" + names[file % index.docFilesPerList] + ".json");
      }).then(function (docs) { files[file] = docs; });
    });
    return Promise.all(loads).then(function () {
      if (current !== listing) { return; }
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
      moreButton.disabled = false;
      moreButton.hidden = current.shown >= current.numbers.length;
      if (focusFirst && firstLink) { firstLink.focus(); }
    }, function (error) {
      if (current !== listing) { return; }
      current.shown -= numbers.length;
      moreButton.disabled = false;
      throw error;
    });
  }

  function showList(found, count) {
    var numbers = [];
    for (var n = 0; n < found.matches.length; n++) {
      if (found.matches[n]) { numbers.push(n); }
    }
    list.textContent = "";
    listing = { numbers: numbers, shown: 0, index: found.index };
    results.hidden = numbers.length === 0;
    hiddenWhileListing.forEach(function (element) { element.hidden = true; });
    moreButton.hidden = true;
    var current = listing;
    return listMore(current, Math.max(count, PAGE), false).then(function () { return current; });
  }

  function hideList() {
    if (!results) { return; }
    listing = null;
    results.hidden = true;
    list.textContent = "";
    hiddenWhileListing.forEach(function (element) { element.hidden = false; });
  }

  var generation = 0;   // the latest search: an earlier one that answers late is dropped
  var typing = 0;
  var lastState = null;

  // Run the search in the form; `now`: announce at once (a choice, not a keystroke);
  // `count`: list at least this many results (restoring a page the reader came back to).
  function apply(now, count) {
    var state = readState();
    var mine = ++generation;
    lastState = state;
    writeUrl(state, count);
    clearButton.hidden = !isActive(state) && !state.q.trim();
    if (!isActive(state)) {
      if (complete) { showInPlace(null); } else { hideList(); }
      announce(describe(state, { found: total, listed: 0, shortened: [], dropped: [] }), now === true);
      return;
    }
    announce(say("searching"), false);   // said only if the answer takes a while
    search(state).catch(function (error) {
      if (complete) { return searchPage(state); }
      throw error;
    }).then(function (found) {
      if (mine !== generation) { return null; }
      if (complete) {
        return { found: showInPlace(found.matches), listed: 0, shortened: found.shortened, dropped: found.dropped, fromPage: found.fromPage };
      }
      return showList(found, count || PAGE).then(function (current) {
        current.shortened = found.shortened;
        current.dropped = found.dropped;
        return { found: current.numbers.length, listed: current.shown, shortened: found.shortened, dropped: found.dropped };
      });
    }).then(function (outcome) {
      if (!outcome || mine !== generation) { return; }
      announce(describe(state, outcome), now === true);
    }).catch(function () {
      if (mine !== generation) { return; }
      var where = window.location.protocol === "file:" ? say("needsServer") : say("indexFailed");
      announce(where, true);
    });
  }

  var unknown = [];   // filter values in the URL this timeline does not have, said once

  function readUrl() {
    var params = new URLSearchParams(window.location.search);
    input.value = (params.get("q") || "").slice(0, MAX_QUERY);
    FACETS.forEach(function (name) {
      var value = params.get(name) || "";
      var select = selects[name];
      select.value = value;
      if (select.value !== value && select.hasAttribute("data-partial") && /^[a-z0-9][\w.-]*$/.test(value)) {
        // One the form does not offer (only the busiest are): filter by it all the same.
        select.appendChild(new Option(value, value));
        select.value = value;
      }
      if (select.value !== value) {
        select.value = "";
        var key = "unknown" + name.charAt(0).toUpperCase() + name.slice(1);
        unknown.push(say(key, { value: say("quoted", { text: value.slice(0, 40) }) }));
      }
    });
  }

  function clearAll() {
    input.value = "";
    FACETS.forEach(function (name) { selects[name].value = ""; });
    apply(true);
    input.focus();
  }

  input.setAttribute("maxlength", String(MAX_QUERY));
  input.addEventListener("input", function () {
    // One search per pause in typing, not one per key.
    window.clearTimeout(typing);
    typing = window.setTimeout(apply, 250);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && input.value) {
      event.preventDefault();
      input.value = "";
      apply(true);
    }
  });
  FACETS.forEach(function (name) { selects[name].addEventListener("change", function () { apply(false); }); });
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
    moreButton.addEventListener("click", function () {
      if (!listing || moreButton.disabled) { return; }
      var current = listing;
      listMore(current, PAGE, true).then(function () {
        if (current !== listing) { return; }
        writeUrl(lastState, current.shown);
        var outcome = { found: current.numbers.length, listed: current.shown, shortened: current.shortened || [], dropped: current.dropped || [] };
        announce(describe(lastState, outcome), true);
      }, function () {
        if (current === listing) { announce(say("moreFailed"), true); }
      });
    });
  }

  readUrl();
  form.hidden = false;
  var kept = window.history.state && window.history.state.finderShown;
  apply(true, typeof kept === "number" && kept > 0 ? kept : 0);
}());
