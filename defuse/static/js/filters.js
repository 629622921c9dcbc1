// Filter panels open folded away (unless some filters are in use) so that on a phone the
// first results are in the first screen; on a wide screen, where they sit beside the results,
// they open. Without JavaScript a reader opens them with one tap.
(function () {
  "use strict";
  if (!window.matchMedia("(min-width: 60rem)").matches) return;
  document.querySelectorAll("details[data-open-on-desktop]").forEach(function (panel) {
    panel.open = true;
  });
})();
