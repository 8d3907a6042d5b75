/* 话术手册: copying replies with their placeholders filled in (Handbook.slots), the small form that
 * asks for this customer's values at copy time (never stored), the toast that says what was copied,
 * and the copy buttons of the entry pages. */
(function (Handbook) {
  "use strict";

  function legacyCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try {
      ok = document.execCommand("copy");
    } catch (err) {
      ok = false;
    }
    area.remove();
    if (!ok) throw new Error("copy failed");
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () {
        legacyCopy(text);
      });
    }
    return new Promise(function (resolve) {
      legacyCopy(text);
      resolve();
    });
  }

  var toastTimer = null;
  function toast(message, warning) {
    var box = document.querySelector(".hb-toast");
    if (!box) {
      box = document.createElement("div");
      box.className = "hb-toast";
      box.setAttribute("role", "status");
      box.setAttribute("aria-live", "polite");
      document.body.appendChild(box);
    }
    box.textContent = message;
    box.classList.toggle("hb-toast--warning", !!warning);
    box.classList.add("hb-toast--visible");
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () {
      box.classList.remove("hb-toast--visible");
    }, warning ? 6000 : 2500);
  }

  /* The reply as written in the source: its text with every slot back as {名称}. */
  function replyTemplate(reply) {
    var text = "";
    reply.querySelector(".hb-reply__text").childNodes.forEach(function (node) {
      var slot = node.nodeType === 1 && node.classList.contains("hb-slot");
      text += slot ? "{" + node.getAttribute("data-slot") + "}" : node.textContent;
    });
    return text;
  }

  function onCopyClick(event) {
    var button = event.target.closest(".hb-copy");
    if (!button) return;
    var reply = button.closest(".hb-reply");
    copyFilled(replyTemplate(reply), reply).then(function () {
      button.classList.add("hb-copy--done");
      setTimeout(function () { button.classList.remove("hb-copy--done"); }, 1500);
    }, function () {});
  }

  /* Copies a reply template with the slots filled; a customer's placeholders are asked for first,
   * in a form shown inside `place`. Rejects (after telling the user) if copying failed or was cancelled. */
  function copyFilled(template, place) {
    var asked = Handbook.slots.forCustomer(template);
    if (!asked.length || !place) return copyWith(template, {});
    return askCustomer(asked, place).then(function (typed) { return copyWith(template, typed); });
  }

  function copyWith(template, typed) {
    var result = Handbook.slots.fill(template, Object.assign(Handbook.slots.load(), typed));
    return copyText(result.text).then(function () {
      if (result.missing.length) {
        var names = result.missing.map(function (n) { return "{" + n + "}"; }).join("、");
        toast("已复制，但还有未填写的占位：" + names + "。请在页面顶部「占位填写」里填写，或发送前手动替换。", true);
      } else {
        toast("已复制，可以直接粘贴发送");
      }
    }, function () {
      toast("复制失败：请选中回复文字后按 Ctrl+C 复制", true);
      throw new Error("copy failed");
    });
  }

  /* A small form for this customer's values: Enter copies, Esc cancels. What is typed lives only
   * in the form, which is removed right after (autocomplete off: the browser keeps no history). */
  function askCustomer(names, place) {
    document.querySelectorAll(".hb-ask").forEach(function (old) { old.remove(); });
    var before = document.activeElement;
    var form = document.createElement("form");
    form.className = "hb-ask";
    form.setAttribute("autocomplete", "off");
    var hint = document.createElement("p");
    hint.className = "hb-ask__hint";
    hint.textContent = "这位顾客的信息（只用于这一次复制，不会保存）：";
    form.appendChild(hint);
    names.forEach(function (name) {
      var label = document.createElement("label");
      label.className = "hb-ask__field";
      var title = document.createElement("span");
      title.textContent = name;
      var input = document.createElement("input");
      input.type = "text";
      input.setAttribute("data-ask", name);
      input.setAttribute("autocomplete", "off");
      label.append(title, input);
      form.appendChild(label);
    });
    var submit = document.createElement("button");
    submit.type = "submit";
    submit.className = "hb-ask__copy";
    submit.textContent = "复制（Enter）";
    var cancel = document.createElement("button");
    cancel.type = "button";
    cancel.className = "hb-ask__cancel";
    cancel.textContent = "取消（Esc）";
    form.append(submit, cancel);
    place.appendChild(form);
    form.querySelector("input").focus();
    return new Promise(function (resolve, reject) {
      function close() {
        form.remove();
        if (before && before.focus) before.focus();
      }
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var typed = {};
        form.querySelectorAll("[data-ask]").forEach(function (input) {
          if (input.value.trim()) typed[input.getAttribute("data-ask")] = input.value.trim();
        });
        close();
        resolve(typed);
      });
      function dismiss() {
        close();
        reject(new Error("cancelled"));
      }
      cancel.addEventListener("click", dismiss);
      form.addEventListener("keydown", function (event) {
        if (event.key === "Escape") {
          event.preventDefault();
          event.stopPropagation();
          dismiss();
        }
      });
    });
  }

  Handbook.copy = { text: copyText, toast: toast, filled: copyFilled };

  document.addEventListener("click", onCopyClick);
})(window.Handbook = window.Handbook || {});
