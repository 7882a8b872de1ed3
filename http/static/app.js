// jixiao: optional enhancements. Every page works without this file: the 指标值 is read
// on save, and printing works from the browser's menu. No inline script anywhere (CSP).
(function () {
  "use strict";
  if (!document.querySelectorAll || !window.XMLHttpRequest) { return; }

  // Print buttons.
  var prints = document.querySelectorAll(".js-print");
  for (var i = 0; i < prints.length; i++) {
    prints[i].addEventListener("click", function () { window.print(); });
  }

  // Show how a 指标值 is read as the user types: ask the server, which reads it with the
  // same code as on save.
  function preview(input) {
    var out = input.parentNode.querySelector(".understood");
    if (!out) { return; }
    var row = input.parentNode.parentNode;
    var l1 = row.querySelector("select[name$='.level1']");
    var l2 = row.querySelector("select[name$='.level2']");
    var q = "text=" + encodeURIComponent(input.value) +
      "&level1=" + encodeURIComponent(l1 ? l1.value : "") +
      "&level2=" + encodeURIComponent(l2 ? l2.value : "");
    var xhr = new XMLHttpRequest();
    xhr.open("GET", "/targets/preview?" + q);
    xhr.onload = function () {
      if (xhr.status !== 200) { return; }
      var r;
      try { r = JSON.parse(xhr.responseText); } catch (e) { return; }
      out.textContent = r.understood ? "已识别为 " + r.understood : "";
      out.className = "understood kind-" + r.kind + (r.unreadable ? " unreadable" : "");
    };
    xhr.send();
  }
  // Delegated, so that rows added in the page (below) are read as well.
  var timer = null;
  document.addEventListener("input", function (ev) {
    var el = ev.target;
    if (!el || el.tagName !== "INPUT" || !/(^| )target-input( |$)/.test(el.className) || el.readOnly) { return; }
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(function () { preview(el); }, 250);
  });
})();

// The table editors: unsaved changes, rows in the page, paste from Excel. Without this
// script the same buttons post the form, which the server shows again unsaved.
(function () {
  "use strict";
  var editor = document.getElementById("editor");
  if (!editor || !document.querySelector || !window.addEventListener) { return; }

  // Unsaved changes: say so on the page, and warn before leaving it. The form's own
  // submit (保存, a row button, 一键拆分) is not leaving.
  var dirty = editor.getAttribute("data-unsaved") === "1";
  function markDirty() {
    dirty = true;
    if (document.getElementById("unsaved")) { return; }
    var p = document.createElement("p");
    p.id = "unsaved";
    p.className = "note unsaved";
    p.setAttribute("role", "status");
    p.textContent = "▲ 有尚未保存的修改：完成后请点击“保存”。离开本页前会提醒您。";
    editor.parentNode.insertBefore(p, editor);
  }
  function owned(el) { return el && (el.form === editor); }
  editor.addEventListener("input", function (ev) { if (owned(ev.target)) { markDirty(); } });
  editor.addEventListener("change", function (ev) { if (owned(ev.target)) { markDirty(); } });
  editor.addEventListener("submit", function () { dirty = false; });
  window.addEventListener("beforeunload", function (ev) {
    if (!dirty) { return undefined; }
    ev.preventDefault();
    ev.returnValue = "";
    return "";
  });

  function fieldID(p) { return ("f-" + p.replace(/[^A-Za-z0-9]+/g, "-")).replace(/-+$/, ""); }
  function escapeRe(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }

  // Each editable table names its list (data-list): its rows are list[0], list[1], …
  var tables = editor.querySelectorAll("table[data-list]");
  var blanks = {};
  for (var t = 0; t < tables.length; t++) {
    var tb = tables[t], first = tb.tBodies[0] && tb.tBodies[0].rows[0];
    if (first) { blanks[tb.getAttribute("data-list")] = blankRow(first); }
  }

  // blankRow is a copy of row with every cell emptied and the notes beside them gone.
  function blankRow(row) {
    var r = row.cloneNode(true);
    var gone = r.querySelectorAll(".finding, .comment, .addcomment, .field-error");
    for (var i = 0; i < gone.length; i++) { gone[i].parentNode.removeChild(gone[i]); }
    var und = r.querySelectorAll(".understood");
    for (var j = 0; j < und.length; j++) { und[j].textContent = ""; und[j].className = "understood"; }
    var fields = r.querySelectorAll("input, textarea, select");
    for (var k = 0; k < fields.length; k++) {
      var f = fields[k];
      if (f.tagName === "SELECT") {
        for (var o = f.options.length - 1; o >= 0; o--) {
          f.options[o].removeAttribute("selected");
          if (f.options[o].text.indexOf("（不在指标体系中）") >= 0) { f.remove(o); }
        }
        f.selectedIndex = 0;
      } else if (f.type !== "hidden") {
        f.value = "";
        f.removeAttribute("value");
        if (f.tagName === "TEXTAREA") { f.textContent = ""; }
      }
    }
    return r;
  }

  // renumber gives the rows of table their indexes again after a change: field names,
  // ids, labels, the row buttons and the suggestion buttons of each row.
  function renumber(table) {
    var list = table.getAttribute("data-list");
    var nameRe = new RegExp(escapeRe(list) + "\\[\\d+\\]", "g");
    var idRe = new RegExp("^" + escapeRe(fieldID(list)) + "-\\d+(?=-|$)");
    var opRe = new RegExp("^(up|down|del):" + escapeRe(list) + ":\\d+$");
    var rows = table.tBodies[0].rows;
    for (var i = 0; i < rows.length; i++) {
      var tr = rows[i];
      var els = [tr].concat(Array.prototype.slice.call(tr.querySelectorAll("[name], [id], [for], button[value]")));
      for (var k = 0; k < els.length; k++) {
        var el = els[k];
        var n = el.getAttribute("name");
        if (n && n !== "op") { el.setAttribute("name", n.replace(nameRe, list + "[" + i + "]")); }
        var id = el.getAttribute("id");
        if (id) { el.setAttribute("id", id.replace(idRe, fieldID(list) + "-" + i)); }
        var fr = el.getAttribute("for");
        if (fr) { el.setAttribute("for", fr.replace(idRe, fieldID(list) + "-" + i)); }
        if (el.tagName === "BUTTON" && el.value) {
          var m = opRe.exec(el.value);
          if (m) {
            el.value = m[1] + ":" + list + ":" + i;
            if (m[1] === "up") { el.disabled = i === 0; }
            if (m[1] === "down") { el.disabled = i === rows.length - 1; }
          } else if (el.value.indexOf("apply:") === 0) {
            el.value = el.value.replace(nameRe, list + "[" + i + "]");
          }
        }
      }
      var num = tr.querySelector("td.n");
      if (num) { num.textContent = String(i + 1); }
    }
    // The summary's suggestion buttons name rows by their old places: they wait for 保存.
    var stale = document.querySelectorAll(".summary button[name=op][value^='apply:']");
    for (var s = 0; s < stale.length; s++) {
      stale[s].disabled = true;
      stale[s].title = "表格的行已变动：请先保存，或使用单元格旁的按钮";
    }
    markDirty();
  }

  function tableOf(list) {
    for (var i = 0; i < tables.length; i++) {
      if (tables[i].getAttribute("data-list") === list) { return tables[i]; }
    }
    return null;
  }

  function addRow(table) {
    var list = table.getAttribute("data-list");
    if (!blanks[list]) { return null; }
    var r = blanks[list].cloneNode(true);
    table.tBodies[0].appendChild(r);
    renumber(table);
    return r;
  }

  function rowLabel(tr) {
    var f = tr.querySelector("textarea, input:not([type=hidden])");
    var v = f && f.value ? "“" + f.value.slice(0, 30) + "”" : "";
    return v;
  }

  // Row buttons act in the page; the add button below a table, too.
  editor.addEventListener("click", function (ev) {
    var b = ev.target;
    if (!b || b.tagName !== "BUTTON" || b.name !== "op") { return; }
    var m = /^(up|down|del):(.+):(\d+)$/.exec(b.value) || /^(add):(.+)$/.exec(b.value);
    if (!m) { return; }
    var table = tableOf(m[2]);
    if (!table) { return; } // not a list this script handles: the server does it
    var body = table.tBodies[0], i = m[3] ? parseInt(m[3], 10) : -1, tr = body.rows[i];
    switch (m[1]) {
    case "add":
      var r = addRow(table);
      if (!r) { return; } // no row to copy: the server adds it
      var f = r.querySelector("select, textarea, input:not([type=hidden])");
      if (f) { f.focus(); }
      break;
    case "del":
      if (!tr || !window.confirm("删除第 " + (i + 1) + " 行" + rowLabel(tr) + "？点击“保存”后才生效。")) { ev.preventDefault(); return; }
      body.removeChild(tr);
      renumber(table);
      break;
    case "up":
      if (tr && i > 0) { body.insertBefore(tr, body.rows[i - 1]); renumber(table); }
      break;
    case "down":
      if (tr && i + 1 < body.rows.length) { body.insertBefore(body.rows[i + 1], tr); renumber(table); }
      break;
    }
    ev.preventDefault();
  });

  // Paste a block copied from Excel (tab-separated lines) into a table: it fills the rows
  // from the cell pasted into, across and down, adding rows as needed.
  function parseTSV(text) {
    text = text.replace(/\r\n?/g, "\n");
    if (text.charAt(text.length - 1) === "\n") { text = text.slice(0, -1); }
    var rows = [], row = [], cell = "", q = false;
    for (var i = 0; i < text.length; i++) {
      var ch = text.charAt(i);
      if (q) {
        if (ch === "\"") {
          if (text.charAt(i + 1) === "\"") { cell += "\""; i++; } else { q = false; }
        } else { cell += ch; }
      } else if (ch === "\"" && cell === "") {
        q = true;
      } else if (ch === "\t") {
        row.push(cell); cell = "";
      } else if (ch === "\n") {
        row.push(cell); rows.push(row); row = []; cell = "";
      } else {
        cell += ch;
      }
    }
    row.push(cell);
    rows.push(row);
    return rows;
  }
  function fieldsOf(tr) {
    return Array.prototype.slice.call(tr.querySelectorAll("select[name], textarea[name], input[name]:not([type=hidden])"));
  }
  function setField(f, v) {
    v = v.replace(/^\s+|\s+$/g, "");
    if (f.tagName === "SELECT") {
      for (var i = 0; i < f.options.length; i++) {
        if (f.options[i].value === v) { f.selectedIndex = i; return; }
      }
      if (v === "") { f.selectedIndex = 0; return; }
      var o = new Option(v + "（不在指标体系中）", v);
      f.add(o, 1);
      f.selectedIndex = 1;
      return;
    }
    f.value = v;
    if (f.className.indexOf("target-input") >= 0) {
      f.dispatchEvent(new Event("input", { bubbles: true }));
    }
  }
  editor.addEventListener("paste", function (ev) {
    var target = ev.target, tr = target && target.closest ? target.closest("tr") : null;
    var table = tr && tr.closest("table[data-list]");
    if (!table || !ev.clipboardData) { return; }
    var text = ev.clipboardData.getData("text/plain");
    if (text.indexOf("\t") < 0 && text.replace(/\r?\n$/, "").indexOf("\n") < 0) { return; } // one cell: the browser pastes it
    var lines = parseTSV(text);
    if (lines.length && /^(一级指标|事项)$/.test((lines[0][0] || "").trim())) { lines.shift(); } // a header row copied along
    var col = fieldsOf(tr).indexOf(target);
    var body = table.tBodies[0];
    var at = Array.prototype.indexOf.call(body.rows, tr);
    for (var k = 0; k < lines.length; k++) {
      var row = body.rows[at + k] || addRow(table);
      if (!row) { break; }
      var fs = fieldsOf(row);
      for (var j = 0; j < lines[k].length && col + j < fs.length; j++) { setField(fs[col + j], lines[k][j]); }
    }
    ev.preventDefault();
    markDirty();
  });
})();

// Buttons that ask first (恢复到此版本).
(function () {
  "use strict";
  if (!document.querySelectorAll) { return; }
  var bs = document.querySelectorAll(".js-confirm");
  for (var i = 0; i < bs.length; i++) {
    bs[i].addEventListener("click", function (ev) {
      if (!window.confirm(ev.currentTarget.getAttribute("data-confirm"))) { ev.preventDefault(); }
    });
  }
})();
