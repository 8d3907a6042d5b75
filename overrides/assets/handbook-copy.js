/* 话术手册: copying replies with their placeholders filled in (Handbook.slots), the toast that says
 * what was copied, and the copy buttons of the entry pages. */
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
    copyFilled(replyTemplate(button.closest(".hb-reply"))).then(function () {
      button.classList.add("hb-copy--done");
      setTimeout(function () { button.classList.remove("hb-copy--done"); }, 1500);
    }, function () {});
  }

  /* Copies a reply template with the slots filled; rejects (after telling the user) if copying failed. */
  function copyFilled(template) {
    var result = Handbook.slots.fill(template, Handbook.slots.load());
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

  Handbook.copy = { text: copyText, toast: toast, filled: copyFilled };

  document.addEventListener("click", onCopyClick);
})(window.Handbook = window.Handbook || {});
