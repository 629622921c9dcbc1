// Training pages: enhancements only. Every page works without this file.
(function () {
  "use strict";

  function enablePrintButtons(root) {
    root.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  // The server decides what counts as late; this countdown only shows the time and, at zero,
  // asks the server to apply the no-decision branch.
  function startTimer(root) {
    var timer = root.querySelector("[data-timer]");
    if (!timer) return;
    var form = timer.closest("form");
    var count = timer.querySelector("[data-timer-count]");
    var status = root.querySelector("[data-player-status]");
    var deadline = Date.now() + Number(timer.dataset.seconds) * 1000;
    var tick = window.setInterval(function () {
      if (!document.body.contains(timer)) { window.clearInterval(tick); return; }
      var left = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
      count.textContent = left;
      if (status && (left === 10 || left === 5)) status.textContent = left + " seconds left.";
      if (left === 0) {
        window.clearInterval(tick);
        if (status) status.textContent = "Time is up.";
        submit(form, { name: "choice", value: "timeout" });
      }
    }, 250);
  }

  function submit(form, submitter) {
    var data = new FormData(form);
    if (submitter && submitter.name) data.set(submitter.name, submitter.value);
    form.querySelectorAll("button").forEach(function (button) { button.disabled = true; });
    form.setAttribute("aria-busy", "true");
    fetch(form.action, { method: "POST", body: data, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.text().then(function (html) { return { url: response.url, html: html }; });
      })
      .then(function (result) {
        var doc = new DOMParser().parseFromString(result.html, "text/html");
        var next = doc.querySelector("main");
        if (!doc.querySelector("[data-player]") || !next) {
          window.location.assign(result.url);
          return;
        }
        var main = document.querySelector("main");
        main.innerHTML = next.innerHTML;
        document.title = doc.title;
        window.history.replaceState(null, "", result.url);
        init(main);
        var heading = main.querySelector("#passage-heading");
        if (heading) heading.focus();
      })
      .catch(function () {
        // Network trouble: fall back to a plain form post, which the server handles the same way.
        form.querySelectorAll("button").forEach(function (button) { button.disabled = false; });
        if (submitter && submitter.name) {
          var hidden = document.createElement("input");
          hidden.type = "hidden";
          hidden.name = submitter.name;
          hidden.value = submitter.value;
          form.appendChild(hidden);
        }
        HTMLFormElement.prototype.submit.call(form);
      });
  }

  function enhanceChoices(root) {
    var form = root.querySelector("[data-choices]");
    if (!form || !window.fetch) return;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (form.getAttribute("aria-busy") === "true") return;
      submit(form, event.submitter);
    });
  }

  function init(root) {
    enablePrintButtons(root);
    startTimer(root);
    enhanceChoices(root);
  }

  init(document);
})();
