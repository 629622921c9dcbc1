// Every page: enhancements only.
(function () {
  "use strict";

  // Signing out on a shared device: drop what Defuse kept in this browser (report drafts saved
  // while offline, the blank report kept for offline use), for browsers that ignore the
  // server's Clear-Site-Data. A report finished offline and not yet sent is asked about first.
  document.addEventListener("submit", function (event) {
    if (!event.target.matches("[data-sign-out]")) return;
    try {
      var waiting = JSON.parse(window.localStorage.getItem("defuse-report-outbox") || "[]");
      if (waiting.length && !window.confirm(
        "A report you finished offline has not been sent yet. Signing out deletes it from " +
        "this device. Sign out anyway?")) {
        event.preventDefault();
        return;
      }
    } catch (error) { /* storage disabled: nothing waits */ }
    if (window.caches) {
      caches.keys().then(function (keys) {
        keys.forEach(function (name) { if (name.indexOf("defuse-field") === 0) caches.delete(name); });
      });
    }
    try {
      for (var i = window.localStorage.length - 1; i >= 0; i--) {
        var key = window.localStorage.key(i);
        if (key && key.indexOf("defuse-") === 0) window.localStorage.removeItem(key);
      }
    } catch (error) { /* storage disabled: nothing was kept */ }
  });

  // The phone menu: without JavaScript the Menu link shows the navigation as its target;
  // with it, a button that opens and closes it in place.
  var link = document.querySelector("[data-menu-button]");
  var nav = document.getElementById("site-nav");
  if (link && nav) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = link.className;
    button.textContent = link.textContent;
    button.setAttribute("aria-controls", "site-nav");
    button.setAttribute("aria-expanded", "false");
    link.replaceWith(button);
    document.documentElement.classList.add("has-menu-button");
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", String(open));
      nav.classList.toggle("site-nav--open", open);
    });
  }
})();
