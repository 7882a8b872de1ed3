// jixiao: the indicator library (指标库) in the indicator form. Optional: without this
// file the user types the 三级指标 in full and the warnings are not shown while typing.
// Plain ES5, no framework, no inline script (CSP).
(function () {
  "use strict";
  if (!document.querySelectorAll || !window.XMLHttpRequest || !window.JSON) { return; }

  // On a plan's pages the plan's department orders the suggestions and the warnings
  // compare with its last year; elsewhere the library is asked without a plan.
  var m = /^\/plans\/(\d+)\//.exec(window.location.pathname);
  var plan = m ? m[1] : "";
  var base = plan ? "/plans/" + plan + "/library/" : "/library/";

  function get(url, done) {
    var xhr = new XMLHttpRequest();
    xhr.open("GET", url);
    xhr.onload = function () {
      if (xhr.status !== 200) { return; }
      var r;
      try { r = JSON.parse(xhr.responseText); } catch (e) { return; }
      done(r);
    };
    xhr.send();
  }

  function hasClass(el, c) { return el && (" " + el.className + " ").indexOf(" " + c + " ") >= 0; }

  function rowOf(el) {
    while (el && el.tagName !== "TR") { el = el.parentNode; }
    return el;
  }

  function nameBox(el) {
    return el && el.tagName === "TEXTAREA" && !el.readOnly && /\.name$/.test(el.name || "") &&
      el.parentNode && rowOf(el) && hasClass(tableOf(el), "indicators");
  }

  function tableOf(el) {
    while (el && el.tagName !== "TABLE") { el = el.parentNode; }
    return el;
  }

  function part(row, sel) { return row ? row.querySelector(sel) : null; }

  // The element under a cell that the script owns (made on first use).
  function owned(cell, cls, role) {
    var el = cell.querySelector("." + cls);
    if (!el) {
      el = document.createElement("div");
      el.className = cls;
      if (role) { el.setAttribute("role", role); }
      el.setAttribute("aria-live", "polite");
      cell.appendChild(el);
    }
    return el;
  }

  // The list of suggestions under the name being typed.
  var list = null, items = [], active = -1, box = null, timer = null;

  function close() {
    if (list && list.parentNode) { list.parentNode.removeChild(list); }
    list = null; items = []; active = -1;
    if (box) { box.setAttribute("aria-expanded", "false"); }
  }

  function show(el, found) {
    close();
    if (!found.length) { return; }
    box = el;
    items = found;
    list = document.createElement("ul");
    list.className = "library-list";
    list.setAttribute("role", "listbox");
    list.id = "library-list";
    for (var i = 0; i < found.length; i++) {
      var li = document.createElement("li");
      li.setAttribute("role", "option");
      li.setAttribute("data-i", String(i));
      var n = document.createElement("span");
      n.className = "library-name";
      n.appendChild(document.createTextNode(found[i].name));
      li.appendChild(n);
      var meta = [];
      if (found[i].op || found[i].unit) { meta.push((found[i].op || "") + (found[i].unit || "")); }
      if (found[i].uses) { meta.push(found[i].uses + " 个单位使用"); }
      if (found[i].range) { meta.push(found[i].range); }
      if (meta.length) {
        var s = document.createElement("span");
        s.className = "library-meta";
        s.appendChild(document.createTextNode(meta.join("，")));
        li.appendChild(s);
      }
      li.addEventListener("mousedown", pickEvent);
      list.appendChild(li);
    }
    el.parentNode.appendChild(list);
    el.setAttribute("aria-expanded", "true");
    el.setAttribute("aria-controls", "library-list");
  }

  function pickEvent(ev) {
    ev.preventDefault(); // keep the focus in the name
    var li = ev.currentTarget;
    pick(box, items[+li.getAttribute("data-i")]);
  }

  function mark(i) {
    if (!list) { return; }
    var lis = list.getElementsByTagName("li");
    for (var k = 0; k < lis.length; k++) {
      lis[k].className = k === i ? "on" : "";
      lis[k].setAttribute("aria-selected", k === i ? "true" : "false");
    }
    active = i;
  }

  function setSelect(sel, v) {
    if (!sel || !v) { return; }
    for (var i = 0; i < sel.options.length; i++) {
      if (sel.options[i].value === v) {
        sel.value = v;
        var ev = document.createEvent("HTMLEvents");
        ev.initEvent("change", true, false);
        sel.dispatchEvent(ev);
        return;
      }
    }
  }

  function fire(el, type) {
    var ev = document.createEvent("HTMLEvents");
    ev.initEvent(type, true, false);
    el.dispatchEvent(ev);
  }

  // pick fills the row from an entry: the name, the levels when the framework has them,
  // the operator and unit in an empty 指标值 (the caret between them), and the range.
  function pick(el, e) {
    close();
    if (!el || !e) { return; }
    var row = rowOf(el);
    el.value = e.name;
    fire(el, "change");
    setSelect(part(row, "select[name$='.level1']"), e.level1);
    setSelect(part(row, "select[name$='.level2']"), e.level2);
    var t = part(row, "input[name$='.target']");
    if (t && !t.readOnly && (t.value === "" || t.value === t.getAttribute("data-library-fill"))) {
      var fill = (e.op || "") + (e.unit || "");
      t.value = fill;
      t.setAttribute("data-library-fill", fill);
      fire(t, "change");
      t.focus();
      var at = (e.op || "").length;
      if (t.setSelectionRange) { t.setSelectionRange(at, at); }
    }
    var hint = owned(el.parentNode, "library-range", "status");
    var words = [];
    if (e.n) {
      words.push("常见指标值：中位数 " + num(e.median) + (e.unit || "") + "，四分位 " + num(e.p25) + "–" + num(e.p75) + (e.unit || "") +
        "（" + e.n + " 个指标值）");
    }
    if (e.uses) { words.push(e.uses + " 个单位使用"); }
    hint.textContent = words.length ? words.join("；") + "。" : "指标库中尚无此指标的常见指标值。";
  }

  function num(f) {
    var s = (Math.round(f * 100) / 100).toString();
    return s;
  }

  function suggest(el) {
    var q = el.value.replace(/^\s+|\s+$/g, "");
    if (!q) { close(); return; }
    get(base + "suggest?q=" + encodeURIComponent(q), function (r) {
      if (document.activeElement === el && el.value.replace(/^\s+|\s+$/g, "") === q) { show(el, r); }
    });
  }

  // check asks for the library's warnings of the row's target, and shows them (with
  // their numbers) under the 指标值.
  function check(row) {
    if (!plan || !row) { return; }
    var n = part(row, "textarea[name$='.name']");
    var t = part(row, "input[name$='.target']");
    if (!n || !t) { return; }
    var l1 = part(row, "select[name$='.level1']");
    var l2 = part(row, "select[name$='.level2']");
    var q = "name=" + encodeURIComponent(n.value) + "&target=" + encodeURIComponent(t.value) +
      "&level1=" + encodeURIComponent(l1 ? l1.value : "") + "&level2=" + encodeURIComponent(l2 ? l2.value : "");
    get(base + "check?" + q, function (r) {
      var out = owned(t.parentNode, "library-warn", "status");
      var ws = r.warnings || [];
      var text = [];
      for (var i = 0; i < ws.length; i++) { text.push("提示：" + ws[i].message); }
      out.textContent = text.join(" ");
      out.className = "library-warn" + (ws.length ? " shown" : "");
    });
  }

  var ctimer = null;
  document.addEventListener("input", function (ev) {
    var el = ev.target;
    if (nameBox(el)) {
      el.setAttribute("autocomplete", "off");
      el.setAttribute("aria-autocomplete", "list");
      if (timer) { clearTimeout(timer); }
      timer = setTimeout(function () { suggest(el); }, 150);
      return;
    }
    if (el && el.tagName === "INPUT" && /\.target$/.test(el.name || "") && hasClass(tableOf(el), "indicators")) {
      if (ctimer) { clearTimeout(ctimer); }
      ctimer = setTimeout(function () { check(rowOf(el)); }, 300);
    }
  });
  document.addEventListener("keydown", function (ev) {
    if (!list || ev.target !== box) { return; }
    var k = ev.keyCode;
    if (k === 40) { ev.preventDefault(); mark((active + 1) % items.length); }
    else if (k === 38) { ev.preventDefault(); mark(active <= 0 ? items.length - 1 : active - 1); }
    else if (k === 13 && active >= 0) { ev.preventDefault(); pick(box, items[active]); }
    else if (k === 27) { close(); }
  });
  document.addEventListener("focusout", function (ev) {
    if (ev.target === box) { setTimeout(close, 150); }
  });
})();
