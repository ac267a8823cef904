// The scenario editor and the sensitivity page: send the form as JSON to its
// data-run URL, follow the job, open the result. Field names are paths into the
// request ("quotas.residents-in-il.per_year", "ranges.settler_leave_share.low").
(function () {
  "use strict";
  var form = document.querySelector("form[data-run]");
  if (!form) return;
  var problems = document.getElementById("problems");
  var progress = document.getElementById("progress");
  var progressText = document.getElementById("progress-text");
  var button = document.getElementById("run");

  function put(target, path, value) {
    var keys = path.split(".");
    for (var i = 0; i < keys.length - 1; i++) {
      target[keys[i]] = target[keys[i]] || {};
      target = target[keys[i]];
    }
    target[keys[keys.length - 1]] = value;
  }

  function edit() {
    var body = { treaty: form.getAttribute("data-treaty") };
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name) return;
      var value;
      if (el.type === "checkbox") value = el.checked;
      else if (el.type === "number") value = el.value.trim() === "" ? null : Number(el.value);
      else value = el.value;
      put(body, el.name, value);
    });
    return body;
  }

  function clearProblems() {
    problems.textContent = "";
    Array.prototype.forEach.call(form.querySelectorAll("[aria-invalid]"), function (el) {
      el.removeAttribute("aria-invalid");
    });
  }

  // Messages in the page's language, from the form's data-msg-* attributes (layout.job_messages);
  // "{done}", "{total}" and "{unit}" are filled in. English when a page gives none.
  var MESSAGES = {
    failed: "the request failed",
    expected: "expected {what}",
    progress: "Done {done} of {total} {unit}…",
    opening: "Done; opening the result…",
    lost: "Lost contact with the server; try again.",
    checking: "Checking…"
  };

  function say(key, values) {
    var text = form.getAttribute("data-msg-" + key) || MESSAGES[key];
    Object.keys(values || {}).forEach(function (name) {
      text = text.split("{" + name + "}").join(values[name]);
    });
    return text;
  }

  function fieldOf(problem) {
    // API fields look like "phase_starts.open-movement", "body.years" or "treaty.phases…"
    var name = (problem.field || "").replace(/^body\./, "");
    return form.querySelector('[name="' + name.replace(/"/g, "") + '"]');
  }

  function showProblems(data) {
    var list = document.createElement("ul");
    var all = (data && data.problems && data.problems.length) ? data.problems
      : [{ message: (data && data.error && data.error.message) || say("failed") }];
    all.forEach(function (p) {
      var item = document.createElement("li");
      var text = (p.field ? p.field + ": " : "") + p.message;
      if (p.expected) text += " — " + say("expected", { what: p.expected });
      if (p.suggestion) text += " (" + p.suggestion + ")";
      item.textContent = text;
      list.appendChild(item);
      var el = fieldOf(p);
      if (el) el.setAttribute("aria-invalid", "true");
    });
    problems.className = "problem";
    problems.appendChild(list);
    var first = form.querySelector("[aria-invalid]");
    if (first) first.focus();
  }

  function done(message) {
    button.disabled = false;
    progress.hidden = true;
    progressText.textContent = message || "";
  }

  function poll(jobId) {
    fetch("/jobs/" + encodeURIComponent(jobId))
      .then(function (r) { return r.json(); })
      .then(function (job) {
        if (job.progress) {
          progress.max = job.progress.total || 1;
          progress.value = job.progress.done;
          progressText.textContent = say("progress", {
            done: job.progress.done, total: job.progress.total, unit: form.getAttribute("data-unit")
          });
        }
        if (job.status === "done") {
          progressText.textContent = say("opening");
          window.location.assign(job.result.url);
        } else if (job.status === "failed") {
          done();
          showProblems({ problems: [job.error] });
        } else {
          window.setTimeout(function () { poll(jobId); }, 250);
        }
      })
      .catch(function () { done(say("lost")); });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearProblems();
    button.disabled = true;
    progress.hidden = false;
    progress.value = 0;
    progressText.textContent = say("checking");
    fetch(form.getAttribute("data-run"), {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(edit())
    })
      .then(function (r) {
        return r.json().then(function (data) { return { ok: r.ok, data: data }; });
      })
      .then(function (answer) {
        if (!answer.ok) {
          done();
          showProblems(answer.data);
          return;
        }
        poll(answer.data.job_id);
      })
      .catch(function () { done(say("lost")); });
  });
})();
