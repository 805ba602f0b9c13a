// Paperboy's search page: reads the index the build writes under search/ (see the README's
// "Search"), fetching only the parts a query needs. No dependencies; index files are scripts
// that call pbChunk(name, data), so the site searches from file:// as well as over HTTP.
// Every text from the index reaches the page through textContent, never as markup.
(function () {
  "use strict";
  var STOP = {};
  ("an and are as at be by can for from has have in into is it its of on or our than that the their them " +
    "then there these they this to via was we were which while with").split(" ").forEach(function (w) { STOP[w] = true; });
  var ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var DIGIT = {};
  for (var i = 0; i < ALPHABET.length; i++) DIGIT[ALPHABET.charCodeAt(i)] = i;
  var PAGE = 10;
  // A page of results stays within 6 requests once it has a result: meta, a file per word (and
  // one for a topic) of each block read, row files for the rest; "More results" reads on.
  var REQUESTS = 6;
  var PAUSE = 60; // ms without a keystroke before rows are fetched

  var box = document.getElementById("search");
  if (!box) return;
  var root = box.getAttribute("data-root");
  var base = box.getAttribute("data-index");
  var input = document.getElementById("search-q");
  var topicSelect = document.getElementById("search-topic");
  var yearSelect = document.getElementById("search-year");
  var statusLine = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var moreLine = document.getElementById("search-more-line");
  var moreButton = document.getElementById("search-more");

  // Index files, each loaded once by a script element.
  var chunks = {};
  window.pbChunk = function (name, data) {
    var chunk = chunks[name];
    if (chunk) { chunk.data = data; chunk.done = true; chunk.resolve(data); }
  };
  function load(name) {
    var chunk = chunks[name];
    if (chunk) return chunk.promise;
    chunk = chunks[name] = {};
    chunk.promise = new Promise(function (resolve, reject) { chunk.resolve = resolve; chunk.reject = reject; });
    var script = document.createElement("script");
    script.src = base + name + ".js";
    script.onload = function () {
      script.remove();
      if (!chunk.done) { delete chunks[name]; chunk.reject(new Error("no data in " + name)); }
    };
    script.onerror = function () { script.remove(); delete chunks[name]; chunk.reject(new Error("cannot load " + name)); };
    document.head.appendChild(script);
    return chunk.promise;
  }

  // The index's words (SearchTokenizer in Swift): lower case, accents dropped, letters and digits.
  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function words(text) {
    var seen = {}, out = [];
    fold(text).split(/[^\p{L}\p{N}]+/u).forEach(function (w) {
      if (Array.from(w).length > 1 && !STOP[w] && !seen[w]) { seen[w] = true; out.push(w); }
    });
    return out;
  }
  function keyOf(word) {
    return Array.from(word).slice(0, 2).map(function (c) { return /[a-z0-9]/.test(c) ? c : "_"; }).join("");
  }
  // Packed ids (PackedIDs in Swift): gaps minus one, 5 bits a character, 32 added to all but a number's last.
  function unpack(text, first, each) {
    var previous = first - 1, value = 0;
    for (var i = 0; i < text.length; i++) {
      var digit = DIGIT[text.charCodeAt(i)];
      value = value * 32 + (digit & 31);
      if (digit < 32) { previous += value + 1; each(previous); value = 0; }
    }
  }
  function blocksOf(hex) {
    var blocks = [];
    for (var i = 0; i < hex.length; i++) {
      var nibble = parseInt(hex.charAt(hex.length - 1 - i), 16);
      for (var bit = 0; bit < 4; bit++) if (nibble & (1 << bit)) blocks.push(i * 4 + bit);
    }
    return blocks;
  }
  // 32-bit FNV-1a of the UTF-8 bytes (SearchIndex.bucket in Swift).
  function bucket(key, buckets) {
    var bytes = new TextEncoder().encode(key), hash = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) hash = Math.imul(hash ^ bytes[i], 0x01000193) >>> 0;
    return hash % buckets;
  }
  function exactKey(query) {
    var text = query.trim().toLowerCase();
    var arxiv = /^(?:arxiv:)?(\d{4}\.\d{4,5})(?:v\d+)?$/.exec(text);
    if (arxiv) return arxiv[1];
    return /^[a-z0-9]+(?:-[a-z0-9]+)+$/.test(text) ? text : null;
  }

  // The papers matching every word, best first: more words in the title, then newer. Blocks are
  // read most promising first (the most query words in their titles, then the newest), and a
  // paper is returned only once no unread block can hold a better one. Reading stops once
  // `want` such papers are found, or once one is found and another block would leave too few
  // of `budget` requests for their rows; found.complete is then false, and "More results"
  // reads on.
  // found.spent counts the files the query needs as a fresh page would fetch them, so that
  // what a query shows never depends on what was typed before.
  async function find(query, filters, want, budget) {
    var meta = await load("meta");
    var needed = { meta: true };
    var found = { ids: [], complete: true, exact: null, spent: 1 };
    // The distinct files of `names` not counted yet; need() counts them.
    function unpaid(names) {
      return names.filter(function (name, at) { return !needed[name] && names.indexOf(name) === at; });
    }
    function need(names) {
      var more = unpaid(names);
      more.forEach(function (name) { needed[name] = true; });
      return more.length;
    }
    var key = exactKey(query);
    if (key) {
      var keyFile = "k/" + bucket(key, meta.buckets);
      var keys = await load(keyFile);
      found.spent += need([keyFile]);
      // A slug or an arXiv id that names a paper is that paper, and nothing else.
      if (Object.prototype.hasOwnProperty.call(keys, key)) { found.exact = keys[key]; return found; }
    }
    var list = words(query);
    if (list.length === 0) return found;
    var known = " " + meta.keys + " ";
    if (list.some(function (w) { return known.indexOf(" " + keyOf(w) + " ") < 0; })) return found;
    // The last block's file of a key holds the key's dictionary.
    var blockCount = Math.ceil(meta.papers / meta.block);
    var newestNames = list.map(function (w) { return "p/" + (blockCount - 1) + "/" + keyOf(w); });
    var newest = await Promise.all(newestNames.map(load));
    found.spent += need(newestNames);
    var dictionaries = newest.map(function (file) { return file.d; });
    var any = [], title = [];
    list.forEach(function (w, index) {
      var anyIn = new Uint8Array(blockCount), titleIn = new Uint8Array(blockCount);
      dictionaries[index].forEach(function (entry) {
        if (entry[0].lastIndexOf(w, 0) !== 0) return;
        blocksOf(entry[1]).forEach(function (b) { anyIn[b] = 1; });
        blocksOf(entry[2]).forEach(function (b) { titleIn[b] = 1; });
      });
      any.push(anyIn);
      title.push(titleIn);
    });
    var range = yearRange(meta, filters.year);
    var topic = filters.topic ? topicNumber(meta, filters.topic) : -1;
    if (filters.topic && topic < 0) return found;
    // The most query words a paper of block b can have in its title.
    var best = function (b) { return title.reduce(function (n, set) { return n + set[b]; }, 0); };
    var blocks = [];
    for (var b = blockCount - 1; b >= 0; b--) {
      var first = b * meta.block, end = Math.min(first + meta.block, meta.papers);
      if (end <= range[0] || first >= range[1]) continue;
      if (any.every(function (set) { return set[b]; })) blocks.push(b);
    }
    blocks.sort(function (a, b) { return best(b) - best(a) || b - a; });
    // Whether no block from blocks[from] on can hold a paper before `result`.
    function settled(result, from) {
      var own = Math.floor(result.id / meta.block);
      for (var rest = from; rest < blocks.length; rest++) {
        var bound = best(blocks[rest]);
        if (bound > result.score || (bound === result.score && blocks[rest] > own)) return false;
      }
      return true;
    }
    // The row files the best `want` of `ids` are in.
    function shards(ids) {
      var seen = {};
      ids.slice(0, want).forEach(function (r) { seen[Math.floor(r.id / meta.shard)] = true; });
      return Object.keys(seen).length;
    }
    var results = [], read = 0;
    for (; read < blocks.length; read++) {
      var sure = results.filter(function (r) { return settled(r, read); }).sort(order);
      var block = blocks[read], start = block * meta.block;
      var names = list.map(function (w) { return "p/" + block + "/" + keyOf(w); });
      if (topic >= 0) names.push("p/" + block + "/topics");
      var cost = unpaid(names).length;
      // Another block is read only while the rows of the papers already found still fit.
      if (sure.length >= want || (sure.length > 0 && found.spent + cost + shards(sure) > budget)) break;
      var files = await Promise.all(names.map(load));
      found.spent += need(names);
      var size = Math.min(meta.block, meta.papers - start);
      var count = new Uint8Array(size), inTitle = new Uint8Array(size);
      list.forEach(function (w, index) {
        var mark = new Uint8Array(size), postings = files[index].p;
        Object.keys(postings).forEach(function (term) {
          if (term.lastIndexOf(w, 0) !== 0) return;
          unpack(postings[term][0], start, function (id) { mark[id - start] = 2; });
          unpack(postings[term][1], start, function (id) { if (!mark[id - start]) mark[id - start] = 1; });
        });
        for (var i = 0; i < size; i++) if (mark[i]) { count[i]++; if (mark[i] === 2) inTitle[i]++; }
      });
      var allowed = null;
      if (topic >= 0) {
        allowed = new Uint8Array(size);
        unpack(files[files.length - 1][topic], start, function (id) { allowed[id - start] = 1; });
      }
      for (var i = 0; i < size; i++) {
        var id = start + i;
        if (count[i] !== list.length || id < range[0] || id >= range[1] || (allowed && !allowed[i])) continue;
        results.push({ id: id, score: inTitle[i] });
      }
    }
    found.complete = read === blocks.length;
    results = results.filter(function (r) { return settled(r, read); });
    results.sort(order);
    found.ids = results.map(function (r) { return r.id; });
    return found;
  }
  function order(a, b) { return b.score - a.score || b.id - a.id; }
  function yearRange(meta, year) {
    if (!year) return [0, meta.papers];
    for (var i = 0; i < meta.years.length; i++) {
      if (String(meta.years[i][0]) === year) {
        return [meta.years[i][1], i + 1 < meta.years.length ? meta.years[i + 1][1] : meta.papers];
      }
    }
    return [0, 0];
  }
  function topicNumber(meta, slug) {
    for (var i = 0; i < meta.topics.length; i++) if (meta.topics[i][0] === slug) return i;
    return -1;
  }

  async function rows(meta, ids) {
    var shards = {};
    ids.forEach(function (id) { shards[Math.floor(id / meta.shard)] = true; });
    var names = Object.keys(shards);
    var loaded = await Promise.all(names.map(function (n) { return load("d/" + n); }));
    var byShard = {};
    names.forEach(function (n, index) { byShard[n] = loaded[index]; });
    return ids.map(function (id) { return byShard[Math.floor(id / meta.shard)][id % meta.shard]; });
  }

  function rowsLoaded(meta, ids) {
    return ids.every(function (id) { var chunk = chunks["d/" + Math.floor(id / meta.shard)]; return chunk && chunk.done; });
  }

  // The title with each word that a query word begins marked.
  function markedTitle(title, queryWords) {
    var fragment = document.createDocumentFragment(), last = 0, match;
    var pattern = /[\p{L}\p{N}]+/gu;
    while ((match = pattern.exec(title)) !== null) {
      var word = fold(match[0]);
      var hit = queryWords.some(function (w) { return word.lastIndexOf(w, 0) === 0; });
      if (!hit) continue;
      if (match.index > last) fragment.appendChild(document.createTextNode(title.slice(last, match.index)));
      var mark = document.createElement("mark");
      mark.textContent = match[0];
      fragment.appendChild(mark);
      last = match.index + match[0].length;
    }
    if (last < title.length) fragment.appendChild(document.createTextNode(title.slice(last)));
    return fragment;
  }

  function item(meta, row, queryWords) {
    var li = document.createElement("li");
    li.className = "paper";
    var heading = document.createElement("h2");
    heading.className = "paper-title";
    var link = document.createElement("a");
    link.href = root + "papers/" + encodeURIComponent(row[0]) + "/";
    link.appendChild(markedTitle(row[1], queryWords));
    heading.appendChild(link);
    li.appendChild(heading);
    var line = document.createElement("p");
    line.className = "meta";
    var time = document.createElement("time");
    time.dateTime = row[2];
    time.textContent = row[2];
    line.appendChild(document.createTextNode("First seen "));
    line.appendChild(time);
    row[3].forEach(function (number) {
      var topic = meta.topics[number];
      if (!topic) return;
      line.appendChild(document.createTextNode(" "));
      var chip = document.createElement("a");
      chip.className = "topic";
      chip.href = root + "topics/" + encodeURIComponent(topic[0]) + "/";
      chip.textContent = topic[1];
      line.appendChild(chip);
    });
    li.appendChild(line);
    if (row[4].length > 0) {
      var authors = document.createElement("p");
      authors.className = "authors";
      authors.textContent = row[4].join(", ") + (row[5] > row[4].length ? " et al." : "");
      li.appendChild(authors);
    }
    if (row[6]) {
      var excerpt = document.createElement("p");
      excerpt.className = "excerpt";
      excerpt.textContent = row[6];
      li.appendChild(excerpt);
    }
    return li;
  }

  var generation = 0, shown = PAGE, pages = 1, active = -1;
  function current() {
    return { q: input.value, topic: topicSelect.value, year: yearSelect.value };
  }
  function queryString(state) {
    var params = new URLSearchParams();
    if (state.q.trim()) params.set("q", state.q.trim());
    if (state.topic) params.set("topic", state.topic);
    if (state.year) params.set("year", state.year);
    var text = params.toString();
    return text ? "?" + text : location.pathname.replace(/.*\//, "") || "./";
  }
  function remember(push) {
    var url = queryString(current());
    if (url === location.search) return;
    try {
      if (push) history.pushState(null, "", url); else history.replaceState(null, "", url);
    } catch (e) { /* some file:// pages refuse history entries: the search still runs */ }
  }
  function setActive(index) {
    var items = list.children;
    if (active >= 0 && items[active]) items[active].classList.remove("active");
    active = items.length ? Math.max(-1, Math.min(index, items.length - 1)) : -1;
    if (active >= 0) { items[active].classList.add("active"); items[active].scrollIntoView({ block: "nearest" }); }
  }

  async function search() {
    var mine = ++generation, started = performance.now();
    var state = current();
    var queryWords = words(state.q);
    if (!state.q.trim() || (queryWords.length === 0 && !exactKey(state.q))) {
      list.replaceChildren();
      moreLine.hidden = true;
      statusLine.textContent = state.q.trim() ? "Keep typing: words of two letters or more." : "";
      box.setAttribute("data-state", "idle");
      return;
    }
    box.setAttribute("data-state", "searching");
    try {
      var meta = await load("meta");
      var found = await find(state.q, state, shown + 1, REQUESTS * pages);
      var shardLimit = Math.max(1, REQUESTS * pages - found.spent);
      var ids = found.ids.slice();
      if (found.exact !== null) ids = [found.exact].concat(ids.filter(function (id) { return id !== found.exact; }));
      // A page shows the best papers whose rows are in at most shardLimit files: a rare word's best
      // papers are spread over the archive, and each shard is one more request.
      var limit = Math.min(ids.length, shown), seen = {}, count = 0, taken = 0;
      while (taken < limit) {
        var shard = Math.floor(ids[taken] / meta.shard);
        if (!seen[shard]) {
          if (count === shardLimit && taken > 0) break;
          seen[shard] = true;
          count++;
        }
        taken++;
      }
      var more = ids.length > taken || !found.complete;
      ids = ids.slice(0, taken);
      // Rows are fetched once typing pauses: each prefix typed on the way has results of its own.
      if (!rowsLoaded(meta, ids)) {
        await new Promise(function (resolve) { setTimeout(resolve, PAUSE); });
        if (mine !== generation) return;
      }
      var data = await rows(meta, ids);
      if (mine !== generation) return;
      list.replaceChildren.apply(list, data.map(function (row) { return item(meta, row, queryWords); }));
      active = -1;
      moreLine.hidden = !more;
      statusLine.textContent = ids.length === 0 ? "No papers match." :
        more ? "The " + ids.length + " best matches: titles first, then newest." :
        ids.length + (ids.length === 1 ? " paper matches." : " papers match.");
      box.setAttribute("data-ms", String(Math.round(performance.now() - started)));
      box.setAttribute("data-state", ids.length === 0 ? "empty" : "done");
    } catch (error) {
      if (mine !== generation) return;
      statusLine.textContent = "The search index could not be read.";
      box.setAttribute("data-state", "error");
    }
  }

  function fromLocation() {
    var params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    topicSelect.value = params.get("topic") || "";
    yearSelect.value = params.get("year") || "";
    if (topicSelect.value !== (params.get("topic") || "")) topicSelect.value = "";
    if (yearSelect.value !== (params.get("year") || "")) yearSelect.value = "";
    shown = PAGE; pages = 1;
    search();
  }

  input.addEventListener("input", function () { shown = PAGE; pages = 1; remember(false); search(); });
  topicSelect.addEventListener("change", function () { shown = PAGE; pages = 1; remember(true); search(); });
  yearSelect.addEventListener("change", function () { shown = PAGE; pages = 1; remember(true); search(); });
  box.querySelector("form").addEventListener("submit", function (event) {
    event.preventDefault();
    if (active >= 0) { list.children[active].querySelector("a").click(); return; }
    remember(true);
    search();
  });
  moreButton.addEventListener("click", function () { shown = list.children.length + PAGE; pages++; search(); });
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown") { event.preventDefault(); setActive(active + 1); }
    else if (event.key === "ArrowUp") { event.preventDefault(); setActive(active - 1); }
  });
  document.addEventListener("keydown", function (event) {
    var tag = document.activeElement && document.activeElement.tagName;
    if (event.key === "/" && tag !== "INPUT" && tag !== "SELECT" && tag !== "TEXTAREA") {
      event.preventDefault();
      input.focus();
      input.select();
    }
  });
  window.addEventListener("popstate", fromLocation);
  load("meta").catch(function () {});
  fromLocation();
  if (!input.value) input.focus();
})();
