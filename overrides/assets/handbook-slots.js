/* 话术手册: placeholder values ({名称} in replies) kept in this browser, and the page's slots filled
 * with them. Part of the Handbook namespace (window.Handbook); Handbook.config is written into every
 * page by the build (overrides/main.html, generator/site/search.py page_config). */
(function (Handbook) {
  "use strict";

  var STORE = "handbook.slots";

  /* A fresh global pattern each time: a shared one would carry lastIndex between calls. */
  function slotPattern() {
    return new RegExp(Handbook.config.slot, "g");
  }

  function storedSlots() {
    try {
      return JSON.parse(localStorage.getItem(STORE) || "{}") || {};
    } catch (err) {
      return {};
    }
  }

  /* Values typed in this browser, over the ones the site was built with (handbook build --var). */
  function loadSlots() {
    var values = {};
    document.querySelectorAll("[data-slot-input][data-default]").forEach(function (input) {
      values[input.getAttribute("data-slot-input")] = input.getAttribute("data-default");
    });
    return Object.assign(values, storedSlots());
  }

  function saveSlots(values) {
    try {
      localStorage.setItem(STORE, JSON.stringify(values));
    } catch (err) {
      /* private mode: values last for this page only */
    }
  }

  function fillSlots(text, values) {
    var missing = [];
    var filled = text.replace(slotPattern(), function (whole, name) {
      if (values[name]) return values[name];
      if (missing.indexOf(name) < 0) missing.push(name);
      return whole;
    });
    return { text: filled, missing: missing };
  }

  function showSlots() {
    var values = loadSlots();
    document.querySelectorAll(".hb-slot").forEach(function (slot) {
      var name = slot.getAttribute("data-slot");
      var value = values[name];
      slot.textContent = value || "{" + name + "}";
      slot.classList.toggle("hb-slot--filled", !!value);
      slot.title = value ? "{" + name + "}" : "未填写：在页面顶部「占位填写」里填写 " + name;
    });
    document.querySelectorAll("[data-slot-input]").forEach(function (input) {
      if (document.activeElement !== input) input.value = values[input.getAttribute("data-slot-input")] || "";
    });
  }

  function onSlotInput(event) {
    var input = event.target.closest("[data-slot-input]");
    if (!input) return;
    var values = storedSlots();
    var value = input.value.trim();
    if (value) values[input.getAttribute("data-slot-input")] = value;
    else delete values[input.getAttribute("data-slot-input")];
    saveSlots(values);
    showSlots();
  }

  Handbook.slots = { load: loadSlots, fill: fillSlots, show: showSlots };

  document.addEventListener("input", onSlotInput);
  showSlots();
})(window.Handbook = window.Handbook || {});
