// The comparison's map: choose a treaty, a year and a colouring; the choice lives in
// the page's URL and on the figure.
//
// State: {treaty: "<treaty id>", year: <calendar year>, colour: "sovereign" | "zone" |
// "reside-<state>"}. It is read on load from the URL's hash ("#treaty=alfa&year=2031&
// colour=reside-IL"; other "#…" tokens are kept) or, failing that, its query string, and
// written back to the hash on every change (history.replaceState: no new history entry).
// The figure (.map-figure) carries it as data-treaty, data-year and data-colour and fires
// a "confed:map" event (detail: the state) after each change. From other scripts:
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
  var KEYS = ["treaty", "year", "colour"];
  var treatySelect = document.getElementById("map-treaty");
  var yearInput = document.getElementById("map-year");
  var yearText = document.getElementById("map-year-text");
  var colourSelect = document.getElementById("map-colour");
  var svg = figure.querySelector("svg.map");
  var areas = svg.querySelectorAll("path[data-area]");
  var places = svg.querySelectorAll("circle[data-place]");
  var current = null;

  function treatyOf(id) {
    for (var i = 0; i < data.treaties.length; i++) {
      if (data.treaties[i].id === id) return data.treaties[i];
    }
    return data.treaties[0];
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

  function apply(state) {
    var t = treatyOf(state.treaty);
    var c = colouringOf(state.colour);
    var year = Number(state.year);
    if (!isFinite(year)) year = t.year;
    year = Math.min(Number(yearInput.max), Math.max(Number(yearInput.min), Math.round(year)));
    var phase = phaseOf(t, year);
    var fills = t.fills[t.fills.length === 1 ? 0 : phase][c];
    paint(areas, fills.areas, "data-area");
    paint(places, fills.places, "data-place");
    current = { treaty: t.id, year: year, colour: data.colourings[c].slug };
    treatySelect.value = t.id;
    yearInput.value = String(year);
    colourSelect.value = current.colour;
    var phaseTitle = t.phases[phase] || "";
    yearText.textContent = year + (phaseTitle ? " · " + phaseTitle : "");
    var title = t.name + ", " + year + (phaseTitle ? " (" + phaseTitle + ")" : "") +
      ". Colour: " + data.colourings[c].label;
    document.getElementById("map-caption").textContent = title;
    svg.querySelector("title").textContent = title;
    document.querySelectorAll(".legend[data-colouring]").forEach(function (l) {
      l.hidden = l.getAttribute("data-colouring") !== current.colour;
    });
    figure.setAttribute("data-treaty", current.treaty);
    figure.setAttribute("data-year", String(current.year));
    figure.setAttribute("data-colour", current.colour);
    figure.dispatchEvent(new CustomEvent("confed:map", { detail: current, bubbles: true }));
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
      kept.push(key + "=" + encodeURIComponent(state[key]));
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

  treatySelect.addEventListener("change", function () { set({ treaty: treatySelect.value }); });
  yearInput.addEventListener("input", function () { set({ year: yearInput.value }); });
  colourSelect.addEventListener("change", function () { set({ colour: colourSelect.value }); });
  window.addEventListener("hashchange", function () {
    var state = fromUrl();
    if (KEYS.some(function (key) { return key in state && String(state[key]) !== String(current[key]); })) {
      apply({ treaty: state.treaty || current.treaty, year: state.year || current.year,
        colour: state.colour || current.colour });
    }
  });

  var initial = fromUrl();
  var first = data.treaties[0];
  apply({
    treaty: initial.treaty || first.id,
    year: initial.year || treatyOf(initial.treaty).year,
    colour: initial.colour || data.colourings[0].slug,
  });
  document.querySelector(".map-controls").hidden = false;
  window.confedMap = {
    state: function () { return { treaty: current.treaty, year: current.year, colour: current.colour }; },
    set: set,
  };
})();
