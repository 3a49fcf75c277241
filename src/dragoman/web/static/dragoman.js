// dragoman: the page script. It remembers the reviewer's name and token for this tab
// (sessionStorage; one bar, not one per card) so that every review form on a page is
// filled in, and on a report it turns a selection of the body into the form that adds
// what the machine missed. The pages work without it (then each form asks for the name
// and token). It never writes report text into the page, only into form fields.
(function () {
  "use strict";
  var store = window.sessionStorage;
  function fill() {
    var who = store.getItem("dragoman.who") || "";
    var token = store.getItem("dragoman.token") || "";
    document.querySelectorAll("input.who").forEach(function (el) { if (!el.value) el.value = who; });
    document.querySelectorAll("input.token").forEach(function (el) { if (!el.value) el.value = token; });
  }
  function credentialsKnown() {
    var known = !!(store.getItem("dragoman.who") && store.getItem("dragoman.token"));
    document.body.classList.toggle("has-credentials", known);
  }
  function remember(event) {
    var el = event.target;
    if (el.matches("input.who")) store.setItem("dragoman.who", el.value);
    if (el.matches("input.token")) store.setItem("dragoman.token", el.value);
    if (el.matches("input.who, input.token")) {
      document.querySelectorAll(el.matches(".who") ? "input.who" : "input.token").forEach(function (other) {
        if (other !== el) other.value = el.value;
      });
      credentialsKnown();
    }
  }
  // -- adding what the machine missed: select words of the body ----------------------
  function offsetIn(body, node, offset) {
    var range = document.createRange();
    range.setStart(body, 0);
    range.setEnd(node, offset);
    return range.toString().length;
  }
  function showTarget(form) {
    var chosen = form.querySelector("select[name='target']").value;
    form.querySelectorAll("fieldset[data-for]").forEach(function (fs) {
      var on = fs.dataset.for === chosen;
      fs.disabled = !on;
      fs.hidden = !on;
    });
  }
  function picked(body, form) {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount) return;
    var range = selection.getRangeAt(0);
    if (!body.contains(range.startContainer) || !body.contains(range.endContainer)) return;
    var start = offsetIn(body, range.startContainer, range.startOffset);
    var end = offsetIn(body, range.endContainer, range.endOffset);
    var text = body.textContent.slice(start, end);
    // Leave out the spaces around the words chosen.
    var lead = text.length - text.replace(/^\s+/, "").length;
    var trail = text.length - text.replace(/\s+$/, "").length;
    start += lead;
    end -= trail;
    if (end <= start) return;
    form.querySelector("input[name='f.start']").value = String(start);
    form.querySelector("input[name='f.end']").value = String(end);
    form.querySelector(".sel").textContent = body.textContent.slice(start, end);
    form.hidden = false;
  }
  function additions() {
    var body = document.getElementById("body");
    var form = document.getElementById("add");
    if (!body || !form) return;
    showTarget(form);
    form.querySelector("select[name='target']").addEventListener("change", function () {
      showTarget(form);
    });
    body.addEventListener("mouseup", function () { picked(body, form); });
    body.addEventListener("keyup", function () { picked(body, form); });
    form.querySelector("button.cancel").addEventListener("click", function () {
      form.hidden = true;
    });
  }
  function confirmReject(event) {
    var button = event.submitter;
    if (button && button.value === "reject" && !window.confirm("Reject this extraction?")) {
      event.preventDefault();
    }
  }
  function flash() {
    // Clicking an extraction's highlight shows it in the list (and back).
    document.querySelectorAll("mark.hl").forEach(function (mark) {
      mark.addEventListener("click", function () {
        var first = (mark.dataset.refs || "").split(" ")[0];
        var target = first && document.getElementById(first);
        if (target) target.scrollIntoView({ behavior: "smooth", block: "center" });
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    fill();
    credentialsKnown();
    flash();
    additions();
    var bar = document.getElementById("session");
    if (bar) bar.addEventListener("submit", function (event) { event.preventDefault(); });
    document.addEventListener("input", remember);
    document.querySelectorAll("form.review").forEach(function (form) {
      form.addEventListener("submit", confirmReject);
    });
  });
})();
