// Progressive enhancement for the Start here page: a tick box on each step of each reading path,
// a count of the steps read and a button to clear them. The ticks are kept in this browser's
// localStorage, one key per path and step, and nothing is ever sent anywhere: this script makes
// no network request. Without it (or without storage), each path is a plain list of links.
(function () {
  "use strict";

  var PREFIX = "hb-reading";

  function storage() {
    try {
      var store = window.localStorage;
      var probe = PREFIX + ":probe";
      store.setItem(probe, "1");
      store.removeItem(probe);
      return store;
    } catch (error) {
      return null; // storage switched off or full: ticks that vanish on reload would mislead
    }
  }

  function hidden(text) {
    var span = document.createElement("span");
    span.className = "hb-visually-hidden";
    span.textContent = text;
    return span;
  }

  function enhance(list, store) {
    var path = list.getAttribute("data-path");
    var scope = list.getAttribute("data-scope") || "handbook";
    var role = list.getAttribute("data-name") || path;
    var boxes = [];

    function key(step) {
      return [PREFIX, scope, path, step].join(":");
    }

    var tools = document.createElement("div");
    tools.className = "hb-reading-tools";
    var count = document.createElement("p");
    count.className = "hb-reading-count";
    count.setAttribute("role", "status");
    count.setAttribute("aria-live", "polite");
    count.setAttribute("aria-atomic", "true");
    var clear = document.createElement("button");
    clear.type = "button";
    clear.className = "md-button hb-reading-clear";
    clear.appendChild(document.createTextNode("Clear ticks"));
    clear.appendChild(hidden(" for " + role));
    tools.appendChild(count);
    tools.appendChild(clear);

    function show() {
      var read = 0;
      boxes.forEach(function (box) {
        if (box.checked) read += 1;
        box.closest("li").classList.toggle("hb-reading-step--read", box.checked);
      });
      count.textContent = read + " of " + boxes.length + " read";
    }

    Array.prototype.forEach.call(list.querySelectorAll("li[data-step]"), function (item) {
      var step = item.getAttribute("data-step");
      var link = item.querySelector("a");
      var id = "hb-read-" + path + "-" + step;
      var mark = document.createElement("p");
      mark.className = "hb-reading-mark";
      var box = document.createElement("input");
      box.type = "checkbox";
      box.id = id;
      box.setAttribute("data-key", key(step));
      box.checked = store.getItem(key(step)) === "1";
      var label = document.createElement("label");
      label.htmlFor = id;
      label.appendChild(document.createTextNode("I have read this"));
      label.appendChild(hidden(": " + (link ? link.textContent.trim() : step)));
      box.addEventListener("change", function () {
        try {
          if (box.checked) store.setItem(key(step), "1");
          else store.removeItem(key(step));
        } catch (error) { /* storage filled up meanwhile: the tick shows until the page is left */ }
        show();
      });
      mark.appendChild(box);
      mark.appendChild(label);
      item.appendChild(mark);
      boxes.push(box);
    });

    clear.addEventListener("click", function () {
      boxes.forEach(function (box) {
        box.checked = false;
        try { store.removeItem(box.getAttribute("data-key")); } catch (error) { /* nothing kept */ }
      });
      show();
    });

    list.parentNode.insertBefore(tools, list);
    show();
    return { boxes: boxes, show: show };
  }

  function start() {
    var lists = document.querySelectorAll("ol.hb-reading-steps[data-path]");
    var store = storage();
    if (!lists.length || !store) return;
    var enhanced = Array.prototype.map.call(lists, function (list) { return enhance(list, store); });
    Array.prototype.forEach.call(document.querySelectorAll(".hb-reading-note"), function (note) {
      note.hidden = false;
    });
    // Ticks made in another tab of this handbook show here too.
    window.addEventListener("storage", function () {
      enhanced.forEach(function (path) {
        path.boxes.forEach(function (box) { box.checked = store.getItem(box.getAttribute("data-key")) === "1"; });
        path.show();
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
