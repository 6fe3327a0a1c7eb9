// Stages and teams each have a page of their own; their area's page keeps each one's old
// anchor (journey/#section-47-enquiry) on the link to that page. Arriving at such an anchor,
// from an old link, a bookmark or a box of the diagram, goes on to the page itself.
(function () {
  "use strict";
  function follow() {
    var id;
    try {
      id = decodeURIComponent(window.location.hash.slice(1));
    } catch (malformed) {
      return;  // not an anchor this page has
    }
    var target = id ? document.getElementById(id) : null;
    if (target && target.classList.contains("hb-moved") && target.href) {
      window.location.replace(target.href);
    }
  }
  follow();
  window.addEventListener("hashchange", follow);
})();
