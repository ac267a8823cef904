// The report's reader tools, in the HTML report and on every explorer page: each
// table and chart downloads as CSV, SVG and PNG (drawn on a canvas here, nothing is
// fetched); controls with a URL name keep their value in the address, so a reload or
// a shared link opens the same view; sections sent later are fetched when they near
// the screen; the filter box searches the reference sections.
(function () {
  "use strict";
  var SVG_NS = "http://www.w3.org/2000/svg";
  var NAMED = { map: "#map-treaty", colour: "#map-colour", year: "#map-year" };

  function each(root, selector, fn) {
    Array.prototype.forEach.call(root.querySelectorAll(selector), fn);
  }

  // ---- the page's state in its URL ----
  function save(name, value) {
    var p = new URLSearchParams(location.search);
    if (value) p.set(name, value); else p.delete(name);
    var q = p.toString();
    history.replaceState(null, "", location.pathname + (q ? "?" + q : "") + location.hash);
  }

  function bindState(root) {
    var found = [];
    each(root, "[data-state]", function (el) { found.push([el.getAttribute("data-state"), el]); });
    Object.keys(NAMED).forEach(function (name) {
      var el = root.querySelector(NAMED[name]);
      if (el && !el.hasAttribute("data-state")) found.push([name, el]);
    });
    var wanted = new URLSearchParams(location.search);
    found.forEach(function (pair) {
      var name = pair[0], el = pair[1];
      if (el.getAttribute("data-bound")) return;
      el.setAttribute("data-bound", "1");
      var value = wanted.get(name);
      if (value !== null && value !== el.value) {
        el.value = value;
        el.dispatchEvent(new Event("input"));
        el.dispatchEvent(new Event("change"));
      }
      el.addEventListener("change", function () { save(name, el.value); });
    });
  }

  // ---- one chart at a time, when the reader asks ----
  function bindChartPick(root) {
    var pick = root.querySelector("#chart-pick");
    if (!pick) return;
    function show() {
      each(document, ".chart-figure", function (f) {
        f.hidden = Boolean(pick.value) && f.id !== pick.value;
      });
    }
    pick.addEventListener("change", show);
    pick.closest(".picker").hidden = false;
    show();
  }

  // ---- downloads ----
  function slug(text) {
    return (text || "table").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")
      .slice(0, 60) || "table";
  }

  function download(name, data, type) {
    var blob = data instanceof Blob ? data : new Blob([data], { type: type });
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    window.setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
  }

  function csvCell(text) {
    text = text.replace(/\s+/g, " ").trim();
    return /[",]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function tableCsv(table) {
    var spans = [], out = [];
    Array.prototype.forEach.call(table.rows, function (row) {
      var cells = [], col = 0, i = 0;
      while (i < row.cells.length || (spans[col] && spans[col].left > 0)) {
        if (spans[col] && spans[col].left > 0) {
          cells.push(spans[col].text);
          spans[col].left -= 1;
          col += 1;
          continue;
        }
        var cell = row.cells[i++], text = csvCell(cell.textContent);
        for (var k = 0; k < (cell.colSpan || 1); k++) {
          cells.push(text);
          if (cell.rowSpan > 1) spans[col] = { text: text, left: cell.rowSpan - 1 };
          col += 1;
        }
      }
      out.push(cells.join(","));
    });
    return out.join("\n") + "\n";
  }

  function svgStyle() {
    var rules = [];
    Array.prototype.forEach.call(document.styleSheets, function (sheet) {
      var list;
      try { list = sheet.cssRules; } catch (e) { return; }
      Array.prototype.forEach.call(list, function (rule) {
        if (rule.selectorText && /svg/.test(rule.selectorText)) rules.push(rule.cssText);
      });
    });
    return rules.join("\n") + "\nsvg { font-family: system-ui, sans-serif; }";
  }

  function svgText(svg) {
    var copy = svg.cloneNode(true), box = svg.viewBox.baseVal;
    copy.setAttribute("xmlns", SVG_NS);
    copy.setAttribute("width", box.width);
    copy.setAttribute("height", box.height);
    var style = document.createElementNS(SVG_NS, "style");
    style.textContent = svgStyle();
    copy.insertBefore(style, copy.firstChild);
    var back = document.createElementNS(SVG_NS, "rect");
    back.setAttribute("x", box.x); back.setAttribute("y", box.y);
    back.setAttribute("width", box.width); back.setAttribute("height", box.height);
    back.setAttribute("fill", "#fff");
    copy.insertBefore(back, style.nextSibling);
    return new XMLSerializer().serializeToString(copy);
  }

  function png(svg, name) {
    var box = svg.viewBox.baseVal, scale = 2, img = new Image();
    img.onload = function () {
      var canvas = document.createElement("canvas");
      canvas.width = box.width * scale;
      canvas.height = box.height * scale;
      canvas.getContext("2d").drawImage(img, 0, 0, canvas.width, canvas.height);
      canvas.toBlob(function (blob) { download(name + ".png", blob); }, "image/png");
    };
    img.setAttribute("src", "data:image/svg+xml;charset=utf-8," + encodeURIComponent(svgText(svg)));
  }

  function toolbar(label, actions) {
    var bar = document.createElement("div");
    bar.className = "downloads";
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", "Download " + label);
    var lead = document.createElement("span");
    lead.textContent = "Download";
    lead.setAttribute("aria-hidden", "true");
    bar.appendChild(lead);
    actions.forEach(function (action) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = action[0];
      button.setAttribute("data-download", action[0].toLowerCase());
      button.addEventListener("click", action[1]);
      bar.appendChild(button);
    });
    return bar;
  }

  function bindDownloads(root) {
    each(root, "figure, svg.tornado", function (holder) {
      var svg = holder.tagName.toLowerCase() === "svg" ? holder : holder.querySelector("svg");
      if (!svg || holder.getAttribute("data-tools")) return;
      holder.setAttribute("data-tools", "1");
      var caption = holder.querySelector("figcaption, .title");
      var label = caption ? caption.firstChild.textContent : "chart";
      var name = slug(holder.id || label);
      var table = holder.querySelector("table");
      var csv = holder.getAttribute("data-csv") ||
        (table ? null : svg.getAttribute("data-csv"));
      var actions = [];
      if (csv || table) {
        actions.push(["CSV", function () {
          download(name + ".csv", csv || tableCsv(table), "text/csv");
        }]);
      }
      actions.push(["SVG", function () {
        download(name + ".svg", svgText(svg), "image/svg+xml");
      }]);
      actions.push(["PNG", function () { png(svg, name); }]);
      var bar = toolbar(label, actions);
      if (holder.tagName.toLowerCase() === "svg") holder.parentNode.insertBefore(bar, holder);
      else holder.insertBefore(bar, svg);
    });
    each(root, "table", function (table) {
      if (table.closest("figure") || table.getAttribute("data-tools")) return;
      table.setAttribute("data-tools", "1");
      var caption = table.querySelector("caption");
      var section = table.closest("section");
      var heading = section && section.querySelector("h2, h3");
      var label = caption ? caption.textContent : heading ? heading.textContent : "table";
      var box = table.closest(".scroll") || table;
      var bar = toolbar(label, [["CSV", function () {
        download(slug(label) + ".csv", tableCsv(table), "text/csv");
      }]]);
      box.parentNode.insertBefore(bar, box.nextSibling);
    });
  }

  // ---- the filter box ----
  function bindFilter(root) {
    var input = root.querySelector("#appendix-filter");
    if (!input) return;
    var count = document.getElementById("filter-count");
    var keys = input.getAttribute("data-sections").split(" ");
    function apply() {
      var text = input.value.trim().toLowerCase(), hits = 0;
      keys.forEach(function (key) {
        var section = document.getElementById(key);
        if (!section) return;
        each(section, "tbody tr, li, dl > div", function (row) {
          var hit = !text || row.textContent.toLowerCase().indexOf(text) >= 0;
          row.hidden = !hit;
          if (hit) hits += 1;
        });
      });
      count.textContent = text ? hits + " matching" : "";
    }
    input.addEventListener("input", function () {
      Promise.all(keys.map(function (key) { return loadSection(key); })).then(apply);
    });
    input.closest(".filter").hidden = false;
  }

  // ---- sections sent later ----
  var pending = {};

  function loadSection(key) {
    var el = document.getElementById(key);
    if (!el || !el.getAttribute("data-fragment")) return Promise.resolve();
    if (pending[key]) return pending[key];
    pending[key] = fetch(el.getAttribute("data-fragment"))
      .then(function (r) {
        if (!r.ok) throw new Error("status " + r.status);
        return r.text();
      })
      .then(function (html) {
        var holder = document.createElement("div");
        holder.innerHTML = html;
        var nodes = Array.prototype.slice.call(holder.children);
        el.replaceWith.apply(el, nodes);
        nodes.forEach(function (node) {
          var scripts = node.tagName === "SCRIPT" ? [node] : node.querySelectorAll("script");
          Array.prototype.forEach.call(scripts, function (old) {
            if (old.type && old.type !== "text/javascript") return; // data (the map's JSON) stays data
            var run = document.createElement("script");
            run.textContent = old.textContent;
            old.replaceWith(run);
          });
        });
        nodes.forEach(function (node) { if (node.isConnected) init(node); });
      })
      .catch(function () {
        el.querySelector(".loading").textContent = "This section could not be loaded: ";
      });
    return pending[key];
  }

  function bindFragments(root) {
    var lazy = root.querySelectorAll("[data-fragment]");
    if (!lazy.length) return;
    var target = location.hash.slice(1);
    Array.prototype.forEach.call(lazy, function (el) {
      if (target && (el.id === target)) {
        loadSection(el.id).then(function () {
          var shown = document.getElementById(target);
          if (shown) shown.scrollIntoView();
        });
      }
    });
    if (!("IntersectionObserver" in window)) {
      Array.prototype.forEach.call(lazy, function (el) { loadSection(el.id); });
      return;
    }
    var watch = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) {
          watch.unobserve(entry.target);
          loadSection(entry.target.id);
        }
      });
    }, { rootMargin: "600px 0px" });
    Array.prototype.forEach.call(lazy, function (el) { watch.observe(el); });
    window.addEventListener("beforeprint", function () {
      Array.prototype.forEach.call(lazy, function (el) { loadSection(el.id); });
    });
  }

  function init(root) {
    bindState(root);
    bindChartPick(root);
    bindDownloads(root);
    bindFilter(root);
    bindFragments(root);
  }

  init(document);
})();
