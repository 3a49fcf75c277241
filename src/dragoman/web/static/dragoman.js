// dragoman: the only script. It remembers the reviewer's name and token for this tab
// (sessionStorage) so that every review form on a page is filled in; the pages work
// without it. It never reads or writes report text.
(function () {
  "use strict";
  var store = window.sessionStorage;
  function fill() {
    var who = store.getItem("dragoman.who") || "";
    var token = store.getItem("dragoman.token") || "";
    document.querySelectorAll("input.who").forEach(function (el) { if (!el.value) el.value = who; });
    document.querySelectorAll("input.token").forEach(function (el) { if (!el.value) el.value = token; });
  }
  function remember(event) {
    var el = event.target;
    if (el.matches("input.who")) store.setItem("dragoman.who", el.value);
    if (el.matches("input.token")) store.setItem("dragoman.token", el.value);
    if (el.matches("input.who, input.token")) {
      document.querySelectorAll(el.matches(".who") ? "input.who" : "input.token").forEach(function (other) {
        if (other !== el) other.value = el.value;
      });
    }
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
    flash();
    document.addEventListener("input", remember);
    document.querySelectorAll("form.review").forEach(function (form) {
      form.addEventListener("submit", confirmReject);
    });
  });
})();
