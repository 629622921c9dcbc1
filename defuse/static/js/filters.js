// On a phone, a topic page opens with its filters folded away unless some are in use.
// Without JavaScript they simply stay open.
(function () {
  "use strict";
  if (!window.matchMedia("(max-width: 59.99rem)").matches) return;
  document.querySelectorAll("details[data-collapse-on-phone]:not([data-active])").forEach(function (panel) {
    panel.open = false;
  });
})();
