// Field pages: enhancements only; every page works without this file.
(function () {
  "use strict";

  var START_TECHNIQUES = "defuse-start-techniques";  // the checklist's ticks, for a new report
  var OUTBOX = "defuse-report-outbox";  // reports finished offline, waiting for a connection
  var store = window.localStorage;

  function readJSON(key, fallback) {
    try { return JSON.parse(store.getItem(key) || "null") || fallback; } catch (e) { return fallback; }
  }

  function newKey() {
    if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID();
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.from(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  // A line at the top of the page that says what happened to reports sent from this phone.
  function banner(text, link) {
    var box = document.querySelector("[data-outbox-status]");
    if (!box) {
      box = document.createElement("p");
      box.className = "callout";
      box.setAttribute("data-outbox-status", "");
      box.setAttribute("role", "status");
      var main = document.querySelector("main") || document.body;
      main.insertBefore(box, main.firstChild);
    }
    box.textContent = text;
    if (link) {
      var a = document.createElement("a");
      a.href = link.href;
      a.textContent = link.text;
      box.appendChild(document.createTextNode(" "));
      box.appendChild(a);
    }
  }

  // Reports finished without a connection go once it returns, each with the key its phone
  // made for it: the server files a report sent twice only once.
  var sending = false;
  function sendOutbox() {
    var waiting = readJSON(OUTBOX, []);
    if (sending || !waiting.length || !navigator.onLine || !window.fetch) return;
    sending = true;
    var entry = waiting[0];
    var body = new FormData();
    entry.pairs.forEach(function (pair) {
      if (pair[0] !== "csrfmiddlewaretoken") body.append(pair[0], pair[1]);
    });
    if (entry.intent) body.append(entry.intent, "1");
    fetch(entry.url, {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRFToken": csrfToken() },
    })
      .then(function (response) {
        if (response.status === 401 || response.status === 403) {
          banner("A report you finished offline is kept on this phone: sign in to send it.",
                 { href: document.body.dataset.loginUrl || "/accounts/login/", text: "Sign in" });
          return null;
        }
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (result) {
        sending = false;
        if (!result) return;
        store.setItem(OUTBOX, JSON.stringify(readJSON(OUTBOX, []).filter(function (other) {
          return other.key !== entry.key;
        })));
        banner(result.submitted ? "Your report finished offline has been sent for review."
                                : "Your report finished offline has been sent as a draft: it needs a few more answers.",
               { href: result.url, text: "Open it" });
        sendOutbox();
      })
      .catch(function () { sending = false; });
  }
  window.addEventListener("online", sendOutbox);
  sendOutbox();

  // A page of a report that arrived from the blank kept offline: the phone's copy can go.
  var sent = document.querySelector("[data-sent-key]");
  if (sent && sent.dataset.sentKey) {
    var copy = readJSON("defuse-report-new", null);
    var copyKey = copy && copy.filter(function (pair) { return pair[0] === "client_key"; })[0];
    if (copyKey && copyKey[1] === sent.dataset.sentKey) store.removeItem("defuse-report-new");
  }

  // The checklist works offline once visited: a service worker scoped to /field/ keeps it,
  // and keeps a blank report form for officers.
  var checklistPage = document.querySelector("[data-checklist]");
  if (checklistPage && "serviceWorker" in navigator) {
    navigator.serviceWorker.register("/field/sw.js", { scope: "/field/" }).then(function () {
      var status = document.querySelector("[data-offline-status]");
      if (status) status.textContent = "Saved on this device: it opens without a connection.";
      return navigator.serviceWorker.ready;
    }).then(function () {
      var start = document.querySelector("[data-checklist-form]");
      if (start && start.dataset.startUrl && navigator.onLine) {
        fetch(start.dataset.startUrl, { credentials: "same-origin" }).catch(function () {});
      }
    });
  }

  // Checklist ticks stay on this device (offline too) until a report is started from them.
  var checklistForm = document.querySelector("[data-checklist-form]");
  if (checklistForm && store) {
    var ticksKey = "defuse-checklist-ticks";
    var boxes = checklistForm.querySelectorAll("input[name=checklist_items]");
    var kept = readJSON(ticksKey, []);
    boxes.forEach(function (box) {
      if (kept.indexOf(box.value) !== -1) box.checked = true;  // never untick what was ticked first
      box.addEventListener("change", function () {
        var ticked = [];
        boxes.forEach(function (other) { if (other.checked) ticked.push(other.value); });
        store.setItem(ticksKey, JSON.stringify(ticked));
      });
    });
    checklistForm.addEventListener("submit", function (event) {
      if (navigator.onLine) { store.removeItem(ticksKey); return; }
      event.preventDefault();  // no connection: open the kept blank report with the ticks
      var techniques = [];
      boxes.forEach(function (box) {
        var technique = box.dataset.technique;
        if (box.checked && technique && techniques.indexOf(technique) === -1) techniques.push(technique);
      });
      var shell = checklistForm.dataset.startUrl;
      (window.caches ? caches.match(shell, { ignoreSearch: true }) : Promise.resolve(null))
        .then(function (hit) {
          if (!hit) {
            var note = checklistForm.querySelector("[data-offline-note]");
            if (note) note.hidden = false;
            return;
          }
          store.setItem(START_TECHNIQUES, JSON.stringify(techniques));
          store.removeItem(ticksKey);
          window.location.href = shell;
        });
    });
  }

  // The list of every officer of the agency gets a box that narrows it as one types; the
  // chosen name always stays. Without this file the whole list shows.
  document.querySelectorAll("select[data-select-filter]").forEach(function (select) {
    var all = Array.prototype.slice.call(select.options);
    var box = document.createElement("input");
    box.type = "search";
    box.id = select.id + "-find";
    box.className = "choice-filter";
    box.setAttribute("autocomplete", "off");
    var label = document.createElement("label");
    label.htmlFor = box.id;
    label.textContent = "Find a name";
    select.insertAdjacentElement("beforebegin", label);
    select.insertAdjacentElement("beforebegin", box);
    box.addEventListener("input", function () {
      var words = box.value.trim().toLowerCase();
      var chosen = select.value;
      while (select.options.length) select.remove(0);
      all.forEach(function (option) {
        var text = option.textContent.toLowerCase();
        if (!option.value || option.value === chosen || !words || text.indexOf(words) !== -1) {
          select.add(option);
        }
      });
      select.value = chosen;
    });
  });

  // The error summary takes the focus, so a screen reader says what to fix first.
  var summary = document.getElementById("error-summary");
  if (summary) summary.focus();

  // The force questions show once a force entry names a type (and always without this file).
  var forceTypes = document.querySelector("[data-force-types]");
  var forceQuestions = document.querySelector("[data-force-questions]");
  function showForceQuestions() {
    if (!forceTypes || !forceQuestions) return;
    var used = Array.prototype.some.call(
      forceTypes.querySelectorAll("select[name$='-force_type']"),
      function (select) { return !!select.value; }
    );
    forceQuestions.hidden = !used;
  }
  if (forceTypes) forceTypes.addEventListener("change", showForceQuestions);
  showForceQuestions();

  var form = document.querySelector("[data-report-form]");
  if (!form || !window.fetch) return;
  var key = form.dataset.reportKey;
  var shell = form.hasAttribute("data-offline-shell");
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

  // One more row of a kind ("Add a person"…) without the server: a copy of the last row,
  // renumbered; a new person or officer also becomes a choice in the force and technique rows.
  function addRow(prefix) {
    var total = form.querySelector("[name='" + prefix + "-TOTAL_FORMS']");
    var rows = form.querySelectorAll("[id^='id_" + prefix + "-']");
    if (!total || !rows.length) return false;
    var count = parseInt(total.value, 10);
    var last = rows[rows.length - 1].closest(".report-row, .technique-row");
    if (!last) return false;
    var copy = last.cloneNode(true);
    var from = new RegExp(prefix + "-\\d+-", "g");
    copy.querySelectorAll("[name], [id], [for]").forEach(function (el) {
      ["name", "id", "for"].forEach(function (attr) {
        var value = el.getAttribute(attr);
        if (value) el.setAttribute(attr, value.replace(from, prefix + "-" + count + "-"));
      });
      if (el.type === "checkbox" || el.type === "radio") el.checked = false;
      else if (el.tagName === "SELECT") el.selectedIndex = 0;
      else if (el.type !== "hidden") el.value = "";
    });
    copy.querySelectorAll(".field__error").forEach(function (el) { el.remove(); });
    var legend = copy.querySelector("legend");
    var noun = { subjects: "Person", officers: "Officer" }[prefix];
    if (legend && noun) legend.textContent = noun + " " + (count + 1);
    last.insertAdjacentElement("afterend", copy);
    total.value = String(count + 1);
    if (noun) {
      var suffix = prefix === "subjects" ? "-subject" : "-officer";
      form.querySelectorAll("select[name$='" + suffix + "']").forEach(function (select) {
        select.add(new Option(prefix === "subjects" ? "Person " + (count + 1)
                                                    : (count + 1) + ". Officer " + (count + 1),
                              String(count + 1)));
      });
    }
    return true;
  }

  function restore(pairs) {
    var byName = {};
    pairs.forEach(function (pair) { (byName[pair[0]] = byName[pair[0]] || []).push(pair[1]); });
    ["subjects", "officers", "force", "techniques"].forEach(function (prefix) {
      var wanted = parseInt((byName[prefix + "-TOTAL_FORMS"] || ["0"])[0], 10);
      var total = form.querySelector("[name='" + prefix + "-TOTAL_FORMS']");
      while (total && parseInt(total.value, 10) < wanted && addRow(prefix)) { /* grows */ }
    });
    Object.keys(byName).forEach(function (name) {
      if (name === "client_key") return;
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
  }

  function keepLocal() { store.setItem(key, JSON.stringify(snapshot())); }

  form.addEventListener("click", function (event) {
    var button = event.target.closest("button[name=add]");
    if (button && (shell || !navigator.onLine) && addRow(button.value)) {
      event.preventDefault();  // grown here; the server sees the rows when the form is sent
      keepLocal();
    }
  });

  if (shell) {
    // The blank report kept for offline use: what is typed stays on the phone, under a key
    // of its own, until it is sent.
    var keyInput = form.querySelector("[data-client-key]");
    var saved = readJSON(key, null);
    if (saved) {
      restore(saved);
      var kept = saved.filter(function (pair) { return pair[0] === "client_key"; })[0];
      if (kept) keyInput.value = kept[1];
      say("Restored what you typed on this phone.");
    } else {
      keyInput.value = newKey();
    }
    var ticked = readJSON(START_TECHNIQUES, []);
    if (ticked.length) {
      var rowsWanted = ticked.length;
      while (form.querySelectorAll("select[name$='-technique']").length < rowsWanted && addRow("techniques")) { /* grows */ }
      var selects = form.querySelectorAll("select[name^='techniques-'][name$='-technique']");
      ticked.forEach(function (technique, n) { selects[n].value = technique; });
      store.removeItem(START_TECHNIQUES);
      say("The techniques you ticked are listed: say what each did.");
    }
    keepLocal();
    form.addEventListener("input", keepLocal);
    form.addEventListener("change", keepLocal);
    form.addEventListener("submit", function (event) {
      var intent = event.submitter && event.submitter.name;
      if (navigator.onLine) return;  // the page it lands on forgets the copy (data-sent-key)
      event.preventDefault();
      var waiting = readJSON(OUTBOX, []).filter(function (other) { return other.key !== keyInput.value; });
      waiting.push({ key: keyInput.value, url: form.action, pairs: snapshot(), intent: intent === "submit" ? "submit" : "save" });
      store.setItem(OUTBOX, JSON.stringify(waiting));
      store.removeItem(key);
      form.reset();
      keyInput.value = newKey();
      banner("No connection: your report is kept on this phone and will be sent as soon as the connection returns.");
      window.scrollTo(0, 0);
    });
    showForceQuestions();
    return;
  }

  // Report drafts save as the officer types. If the server cannot take them (no connection,
  // or the session expired), the text stays in this browser and is put back on the next visit.
  function restoreLocal() {
    var pairs = readJSON(key, null);
    if (!pairs) return;
    restore(pairs);
    say("Restored what you typed on this device before the last save failed.");
    save();
  }

  function save() {
    keepLocal();
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
          store.removeItem(key);
          say("Draft saved at " + result.saved_at + ".");
        });
      })
      .catch(function () { say("Not saved yet (no connection). What you typed is kept on this device."); });
  }

  form.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(save, 1500);
  });
  form.addEventListener("submit", function () { store.removeItem(key); });
  say("Your draft saves as you type.");
  restoreLocal();
  showForceQuestions();  // choices the browser kept
})();
