// Every page: enhancements only.
(function () {
  "use strict";

  // Signing out on a shared device: drop what Defuse kept in this browser (report drafts saved
  // while offline), for browsers that ignore the server's Clear-Site-Data.
  document.addEventListener("submit", function (event) {
    if (!event.target.matches("[data-sign-out]")) return;
    try {
      for (var i = window.localStorage.length - 1; i >= 0; i--) {
        var key = window.localStorage.key(i);
        if (key && key.indexOf("defuse-") === 0) window.localStorage.removeItem(key);
      }
    } catch (error) { /* storage disabled: nothing was kept */ }
  });
})();
