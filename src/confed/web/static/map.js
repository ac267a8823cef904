// The comparison's map: choose a treaty, a year and a colouring, and optionally a second
// treaty drawn beside the first; the choice lives in the page's URL and on the figure.
//
// State: {treaty: "<treaty id>", year: <calendar year>, colour: "sovereign" | "zone" |
// "reside-<state>", beside: "<treaty id>" or ""}. It is read on load from the URL's hash
// ("#treaty=alfa&year=2031&colour=reside-IL&beside=separation"; other "#…" tokens are
// kept) or, when the hash has none, its query string, and written back to the hash on every change
// (history.replaceState: no new history entry). The first figure (.map-figure) carries it
// as data-treaty, data-year, data-colour and data-beside and fires a "confed:map" event
// (detail: the state) after each change. From other scripts:
//   window.confedMap.state()          -> the current state
//   window.confedMap.set({year: 2035}) -> change any part of it (URL and figure follow)
// The fills for every treaty, phase and colouring come from the JSON in #map-data, each
// a string with one character per area or place: an index into its palette ("-": none).
(function () {
  "use strict";
  var figure = document.querySelector(".map-figure");
  var source = document.getElementById("map-data");
  if (!figure || !source) return;
  var data = JSON.parse(source.textContent);
  var CODES = "0123456789abcdefghijklmnopqrstuvwxyz";
  var KEYS = ["treaty", "year", "colour", "beside"];
  var treatySelect = document.getElementById("map-treaty");
  var yearInput = document.getElementById("map-year");
  var yearText = document.getElementById("map-year-text");
  var colourSelect = document.getElementById("map-colour");
  var besideSelect = document.getElementById("map-beside");
  var second = null;  // the figure beside the first, made from it when first asked for
  var current = null;

  function treatyOf(id) {
    for (var i = 0; i < data.treaties.length; i++) {
      if (data.treaties[i].id === id) return data.treaties[i];
    }
    return null;
  }

  function colouringOf(slug) {
    for (var i = 0; i < data.colourings.length; i++) {
      if (data.colourings[i].slug === slug) return i;
    }
    return 0;
  }

  function phaseOf(t, year) {
    // the phase in force in `year`; before the first or after the last simulated year,
    // the first or last one's
    var i = t.years.indexOf(year);
    if (i < 0) i = year < t.years[0] ? 0 : t.years.length - 1;
    return t.phase_of_year[i];
  }

  function paint(elements, codes, attribute) {
    Array.prototype.forEach.call(elements, function (el) {
      var code = codes.charAt(Number(el.getAttribute(attribute)));
      if (code === "-") {
        el.setAttribute("display", "none");
      } else {
        el.removeAttribute("display");
        el.setAttribute("fill", data.palette[CODES.indexOf(code)]);
      }
    });
  }

  function draw(fig, t, year, c) {
    // colour one figure's map for treaty t in `year`; returns the phase's title
    var svg = fig.querySelector("svg.map");
    var phase = phaseOf(t, year);
    var fills = t.fills[t.fills.length === 1 ? 0 : phase][c];
    paint(svg.querySelectorAll("path[data-area]"), fills.areas, "data-area");
    paint(svg.querySelectorAll("circle[data-place]"), fills.places, "data-place");
    var phaseTitle = t.phases[phase] || "";
    var title = (phaseTitle ? data.caption_phase : data.caption)
      .replace("{name}", t.name).replace("{year}", year).replace("{phase}", phaseTitle)
      .replace("{colour}", data.colourings[c].label);
    fig.querySelector("figcaption").textContent = title;
    svg.querySelector("title").textContent = title;
    return phaseTitle;
  }

  function secondFigure() {
    if (second) return second;
    second = figure.cloneNode(true);
    second.removeChild(second.querySelector("script"));
    ["data-treaty", "data-year", "data-colour", "data-beside"].forEach(function (a) {
      second.removeAttribute(a);
    });
    second.classList.add("map-beside");
    second.querySelector("figcaption").id = "map-second-caption";
    var svg = second.querySelector("svg.map");
    svg.id = "map-second";
    svg.querySelector("title").id = "map-second-title";
    svg.querySelector("desc").id = "map-second-desc";
    svg.setAttribute("aria-labelledby", "map-second-title map-second-desc");
    // the copied download buttons have no handlers: the report's script makes new ones
    var copied = second.querySelector(".downloads");
    if (copied) copied.remove();
    second.removeAttribute("data-tools");
    figure.parentNode.insertBefore(second, figure.nextSibling);
    if (window.confedReport) window.confedReport.init(figure.parentNode);
    return second;
  }

  function apply(state) {
    var t = treatyOf(state.treaty) || data.treaties[0];
    var c = colouringOf(state.colour);
    var year = Number(state.year);
    if (!isFinite(year)) year = t.year;
    year = Math.min(Number(yearInput.max), Math.max(Number(yearInput.min), Math.round(year)));
    var phaseTitle = draw(figure, t, year, c);
    var beside = treatyOf(state.beside);
    if (beside) draw(secondFigure(), beside, year, c);
    if (second) second.hidden = !beside;
    // two maps share the row equally (same width, so the same height), legends below
    figure.parentNode.classList.toggle("beside", Boolean(beside));
    current = {
      treaty: t.id,
      year: year,
      colour: data.colourings[c].slug,
      beside: beside ? beside.id : "",
    };
    treatySelect.value = t.id;
    yearInput.value = String(year);
    colourSelect.value = current.colour;
    besideSelect.value = current.beside;
    yearText.textContent = year + (phaseTitle ? " · " + phaseTitle : "");
    document.querySelectorAll(".legend[data-colouring]").forEach(function (l) {
      l.hidden = l.getAttribute("data-colouring") !== current.colour;
    });
    KEYS.forEach(function (key) {
      figure.setAttribute("data-" + key, String(current[key]));
    });
    figure.dispatchEvent(new CustomEvent("confed:map", { detail: snapshot(), bubbles: true }));
  }

  function snapshot() {
    var copy = {};
    KEYS.forEach(function (key) { copy[key] = current[key]; });
    return copy;
  }

  function decode(text) {
    try {
      return decodeURIComponent(text);
    } catch (e) {
      return text;  // a stray "%": taken as written
    }
  }

  function fromUrl() {
    var state = {};
    [location.search.slice(1), location.hash.slice(1)].forEach(function (part) {
      part.split("&").forEach(function (token) {
        var at = token.indexOf("=");
        var key = decode(token.slice(0, at));
        if (at > 0 && KEYS.indexOf(key) >= 0) state[key] = decode(token.slice(at + 1));
      });
    });
    return state;
  }

  function toUrl(state) {
    var kept = location.hash.slice(1).split("&").filter(function (token) {
      return token && KEYS.indexOf(decode(token.split("=")[0])) < 0;
    });
    KEYS.forEach(function (key) {
      if (state[key] !== "") kept.push(key + "=" + encodeURIComponent(state[key]));
    });
    try {
      history.replaceState(history.state, "", "#" + kept.join("&"));
    } catch (e) {
      location.hash = kept.join("&");
    }
  }

  function set(change) {
    var next = {};
    KEYS.forEach(function (key) {
      next[key] = key in change ? change[key] : current[key];
    });
    apply(next);
    toUrl(current);
  }

  function fromHash() {
    var state = fromUrl();
    var next = {};
    KEYS.forEach(function (key) {
      next[key] = key in state ? state[key] : (key === "beside" ? "" : current[key]);
    });
    if (KEYS.some(function (key) { return String(next[key]) !== String(current[key]); })) {
      apply(next);
    }
  }

  treatySelect.addEventListener("change", function () { set({ treaty: treatySelect.value }); });
  yearInput.addEventListener("input", function () { set({ year: yearInput.value }); });
  colourSelect.addEventListener("change", function () { set({ colour: colourSelect.value }); });
  besideSelect.addEventListener("change", function () { set({ beside: besideSelect.value }); });
  window.addEventListener("hashchange", fromHash);

  var initial = fromUrl();
  var first = treatyOf(initial.treaty) || data.treaties[0];
  apply({
    treaty: first.id,
    year: initial.year || first.year,
    colour: initial.colour || data.colourings[0].slug,
    beside: initial.beside || "",
  });
  document.querySelector(".map-controls").hidden = false;
  window.confedMap = { state: snapshot, set: set };
})();
