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
})();
