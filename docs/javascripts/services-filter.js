// Progressive enhancement for the services directory: reveals the filter form and hides the
// services that do not match. Without this script every service is listed. No network calls.
(function () {
  "use strict";

  function start() {
    var form = document.getElementById("services-filter");
    var count = document.getElementById("services-count");
    if (!form || !count) return;
    var level = form.querySelector("#services-level");
    var age = form.querySelector("#services-age");
    var services = Array.prototype.slice.call(document.querySelectorAll(".hb-service"));
    count.setAttribute("role", "status");

    function matches(service) {
      var levels = (service.getAttribute("data-levels") || "").split(" ");
      if (level.value && levels.indexOf(level.value) === -1) return false;
      if (age.value !== "") {
        var years = Number(age.value);
        var from = Number(service.getAttribute("data-age-from"));
        var to = Number(service.getAttribute("data-age-to"));
        if (!(years >= from && years <= to)) return false;
      }
      return true;
    }

    function apply() {
      var shown = 0;
      services.forEach(function (service) {
        var show = matches(service);
        service.hidden = !show;
        if (show) shown += 1;
      });
      var filtered = level.value || age.value !== "";
      count.textContent = filtered
        ? "Showing " + shown + " of " + services.length + " services."
        : services.length + " services.";
    }

    form.hidden = false;
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
    form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
    apply();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
