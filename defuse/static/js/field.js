// Field pages: enhancements only; every page works without this file.
(function () {
  "use strict";

  // The checklist works offline once visited: a service worker scoped to /field/ keeps it.
  if (document.querySelector("[data-checklist]") && "serviceWorker" in navigator) {
    navigator.serviceWorker.register("/field/sw.js", { scope: "/field/" }).then(function () {
      var status = document.querySelector("[data-offline-status]");
      if (status) status.textContent = "Saved on this device: it opens without a connection.";
    });
  }

  // Checklist ticks stay on this device (offline too) until a report is started from them.
  var checklistForm = document.querySelector("[data-checklist-form]");
  if (checklistForm && window.localStorage) {
    var ticksKey = "defuse-checklist-ticks";
    var boxes = checklistForm.querySelectorAll("input[name=checklist_items]");
    var kept = JSON.parse(window.localStorage.getItem(ticksKey) || "[]");
    boxes.forEach(function (box) {
      box.checked = kept.indexOf(box.value) !== -1;
      box.addEventListener("change", function () {
        var ticked = [];
        boxes.forEach(function (other) { if (other.checked) ticked.push(other.value); });
        window.localStorage.setItem(ticksKey, JSON.stringify(ticked));
      });
    });
    checklistForm.addEventListener("submit", function (event) {
      if (!navigator.onLine) {
        event.preventDefault();  // no connection: keep the ticks, say so, send nothing
        var note = checklistForm.querySelector("[data-offline-note]");
        if (note) note.hidden = false;
        return;
      }
      window.localStorage.removeItem(ticksKey);
    });
  }

  // A long list of choices (every officer of the agency) gets a box that narrows it as one
  // types; ticked choices always stay in view. Without this file the whole list shows.
  document.querySelectorAll("[data-choice-filter]").forEach(function (group, index) {
    var options = Array.prototype.slice.call(group.querySelectorAll("input[type=checkbox]"));
    var label = document.createElement("label");
    var box = document.createElement("input");
    box.type = "search";
    box.id = "choice-filter-" + index;
    box.className = "choice-filter";
    box.setAttribute("autocomplete", "off");
    label.htmlFor = box.id;
    label.textContent = "Find a name";
    var legend = group.querySelector("legend");
    legend.insertAdjacentElement("afterend", box);
    legend.insertAdjacentElement("afterend", label);
    box.addEventListener("input", function () {
      var words = box.value.trim().toLowerCase();
      options.forEach(function (option) {
        var row = option.closest("div") || option.parentElement;
        var text = (option.closest("label") || row).textContent.toLowerCase();
        row.hidden = !!words && !option.checked && text.indexOf(words) === -1;
      });
    });
  });

  // The error summary takes the focus, so a screen reader says what to fix first.
  var summary = document.getElementById("error-summary");
  if (summary) summary.focus();

  // The force questions show once a force type is ticked (and always without this file).
  var forceTypes = document.querySelector("[data-force-types]");
  var forceQuestions = document.querySelector("[data-force-questions]");
  if (forceTypes && forceQuestions) {
    var showForceQuestions = function () {
      forceQuestions.hidden = !forceTypes.querySelector("input[type=checkbox]:checked");
    };
    forceTypes.addEventListener("change", showForceQuestions);
    showForceQuestions();
  }

  // Report drafts save as the officer types. If the server cannot take them (no connection,
  // or the session expired), the text stays in this browser and is put back on the next visit.
  var form = document.querySelector("[data-report-form]");
  if (!form || !window.fetch) return;
  var key = form.dataset.reportKey;
  var status = form.querySelector("[data-autosave-status]");
  var timer = null;

  function say(text) { if (status) status.textContent = text; }

  function snapshot() {
    var data = [];
    new FormData(form).forEach(function (value, name) {
      if (name !== "csrfmiddlewaretoken") data.push([name, value]);
    });
    return data;
  }

  function restoreLocal() {
    var saved = window.localStorage.getItem(key);
    if (!saved) return;
    var pairs = JSON.parse(saved);
    var byName = {};
    pairs.forEach(function (pair) { (byName[pair[0]] = byName[pair[0]] || []).push(pair[1]); });
    Object.keys(byName).forEach(function (name) {
      form.querySelectorAll('[name="' + CSS.escape(name) + '"]').forEach(function (input) {
        if (input.type === "checkbox" || input.type === "radio") {
          input.checked = byName[name].indexOf(input.value) !== -1;
        } else if (input.tagName === "SELECT" && input.multiple) {
          Array.from(input.options).forEach(function (o) { o.selected = byName[name].indexOf(o.value) !== -1; });
        } else {
          input.value = byName[name][0];
        }
      });
    });
    say("Restored what you typed on this device before the last save failed.");
    save();
  }

  function save() {
    window.localStorage.setItem(key, JSON.stringify(snapshot()));
    var body = new FormData(form);
    fetch(form.dataset.autosaveUrl, { method: "POST", body: body, credentials: "same-origin" })
      .then(function (response) {
        if (response.status === 401 || response.status === 403) {
          say("Your session has expired. What you typed is kept on this device: ");
          var link = document.createElement("a");
          link.href = form.dataset.loginUrl;
          link.textContent = "sign in again to carry on.";
          status.appendChild(link);
          return;
        }
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json().then(function (result) {
          window.localStorage.removeItem(key);
          say("Draft saved at " + result.saved_at + ".");
        });
      })
      .catch(function () { say("Not saved yet (no connection). What you typed is kept on this device."); });
  }

  form.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(save, 1500);
  });
  form.addEventListener("submit", function () { window.localStorage.removeItem(key); });
  say("Your draft saves as you type.");
  restoreLocal();
  if (forceTypes && forceQuestions) showForceQuestions();  // ticks the browser kept
})();
