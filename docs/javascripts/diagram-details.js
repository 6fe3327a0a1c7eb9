// On a phone the journey (or the teams) in words comes first: the diagram, open without scripts,
// on wider screens and in print, starts folded away, and the reader can open it. Printing opens
// every fold, so a page printed from a narrow window still has its diagram.
(function () {
  "use strict";
  var folds = document.querySelectorAll("details.hb-diagram-details");
  if (window.matchMedia("(max-width: 44.9375em)").matches) {
    folds.forEach(function (details) { details.removeAttribute("open"); });
  }
  window.addEventListener("beforeprint", function () {
    folds.forEach(function (details) { details.setAttribute("open", ""); });
  });
})();
