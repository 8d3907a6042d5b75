/* 话术手册: placeholder values ({名称} in replies) and the page's slots filled with them. Shop and
 * agent values are kept in this browser, under a key of this handbook's own (its address); a
 * customer's values (Handbook.config.perCustomer) are never kept: copying asks for them each time.
 * Part of the Handbook namespace (window.Handbook); Handbook.config is written into every page by
 * the build (overrides/main.html, generator/site/search.py page_config). */
(function (Handbook) {
  "use strict";

  var STORE = "handbook.slots@" + new URL(Handbook.root.replace(/\/?$/, "/"), window.location.href).href;
  var SHARED_STORE = "handbook.slots";  // every handbook used to share this key, customers' values too

  function perCustomer(name) {
    return Handbook.config.perCustomer.indexOf(name) >= 0;
  }

  /* A fresh global pattern each time: a shared one would carry lastIndex between calls. */
  function slotPattern() {
    return new RegExp(Handbook.config.slot, "g");
  }

  function storedSlots() {
    var values = {};
    try {
      localStorage.removeItem(SHARED_STORE);
      values = JSON.parse(localStorage.getItem(STORE) || "{}") || {};
    } catch (err) {
      return {};
    }
    Object.keys(values).forEach(function (name) {
      if (perCustomer(name)) delete values[name];  // kept before its scope said otherwise
    });
    return values;
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
      if (Object.keys(values).length) localStorage.setItem(STORE, JSON.stringify(values));
      else localStorage.removeItem(STORE);
    } catch (err) {
      /* private mode: values last for this page only */
    }
  }

  function clearSlots(event) {
    if (!event.target.closest("[data-slot-clear]")) return;
    saveSlots({});
    showSlots();
    Handbook.copy.toast("已清空这台电脑上保存的占位内容");
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
      if (value) slot.title = "{" + name + "}";
      else if (perCustomer(name)) slot.title = name + "：每位顾客不同，复制时再填写";
      else slot.title = "未填写：在页面顶部「占位填写」里填写 " + name;
    });
    document.querySelectorAll("[data-slot-input]").forEach(function (input) {
      if (document.activeElement !== input) input.value = values[input.getAttribute("data-slot-input")] || "";
    });
  }

  function onSlotInput(event) {
    var input = event.target.closest("[data-slot-input]");
    if (!input || perCustomer(input.getAttribute("data-slot-input"))) return;
    var values = storedSlots();
    var value = input.value.trim();
    if (value) values[input.getAttribute("data-slot-input")] = value;
    else delete values[input.getAttribute("data-slot-input")];
    saveSlots(values);
    showSlots();
  }

  /* The placeholders of a reply template that belong to one customer, each once. */
  function customerSlots(text) {
    var names = [];
    text.replace(slotPattern(), function (whole, name) {
      if (perCustomer(name) && names.indexOf(name) < 0) names.push(name);
      return whole;
    });
    return names;
  }

  Handbook.slots = { load: loadSlots, fill: fillSlots, show: showSlots, forCustomer: customerSlots };

  document.addEventListener("input", onSlotInput);
  document.addEventListener("click", clearSlots);
  showSlots();
})(window.Handbook = window.Handbook || {});
