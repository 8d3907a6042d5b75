/* 话术手册: a big category is split into pages; an old link to one of its entries (made when the
 * category had one page, or before the entry moved to another page) lands on the page that holds
 * it. The category's entry → page map (pages.js, beside its pages) is loaded only for such a link. */
(function (Handbook) {
  "use strict";

  var pager = document.querySelector("[data-hb-pages]");
  if (!pager) return;

  function wanted() {
    try {
      return decodeURIComponent(location.hash.slice(1));
    } catch (err) {
      return "";
    }
  }

  function here() {
    return location.pathname.split("/").pop() || "index.html";
  }

  function land() {
    var id = wanted();
    if (!id || document.getElementById(id)) return;
    var script = document.createElement("script");
    script.src = pager.getAttribute("data-hb-pages");
    script.onload = function () {
      var page = (Handbook.entryPages || {})[id];
      if (page && page !== here() && id === wanted()) location.replace(page + location.hash);
    };
    document.head.appendChild(script);
  }

  land();
  window.addEventListener("hashchange", land);
})(window.Handbook);
