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
  var timer = null;
  var inputs = document.querySelectorAll("input.target-input:not([readonly])");
  for (var j = 0; j < inputs.length; j++) {
    inputs[j].addEventListener("input", function (ev) {
      var el = ev.target;
      if (timer) { clearTimeout(timer); }
      timer = setTimeout(function () { preview(el); }, 250);
    });
  }
})();
