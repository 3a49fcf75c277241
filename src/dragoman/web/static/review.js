// dragoman: the review queue, by keyboard. j/k move, a accepts, r rejects, e edits (Enter
// saves the correction, Esc leaves the field), o opens the report. Reviews go to the JSON
// API with the reviewer and token of this tab (sessionStorage, set in the bar above); a
// refused review says why and keeps what was typed.
(function () {
  "use strict";
  var session = window.sessionStorage;
  var items = [];
  var current = -1;

  function select(index) {
    if (!items.length) return;
    current = Math.max(0, Math.min(items.length - 1, index));
    items.forEach(function (el, i) { el.classList.toggle("current", i === current); });
    items[current].focus({ preventScroll: true });
    items[current].scrollIntoView({ block: "nearest" });
  }

  function nextOpen(from) {
    for (var i = from + 1; i < items.length; i++) {
      if (!items[i].classList.contains("done")) return select(i);
    }
    select(Math.min(from + 1, items.length - 1));
  }

  function changes(form) {
    var found = {};
    form.querySelectorAll("[name^='f.']").forEach(function (el) {
      if (el.value !== (el.dataset.was || "")) found[el.name.slice(2)] = el.value;
    });
    return found;
  }

  function fail(item, message) {
    var error = item.querySelector("p.error");
    error.textContent = message;
    error.hidden = false;
    item.classList.add("refused");
  }

  function send(item, action) {
    var form = item.querySelector("form.qreview");
    if (!form || item.classList.contains("busy")) return;
    var who = session.getItem("dragoman.who") || "";
    var token = session.getItem("dragoman.token") || "";
    if (!who || !token) {
      fail(item, "Give your name and the token in the bar above first (kept for this tab).");
      var bar = document.querySelector("#session input.who");
      if (bar) bar.focus();
      return;
    }
    var body = { action: action, who: who };
    if (action === "correct") {
      body.changes = changes(form);
      if (!Object.keys(body.changes).length) {
        fail(item, "Nothing was changed: edit a field (e), then press Enter.");
        return;
      }
    }
    item.classList.add("busy");
    fetch("/api/review/" + item.dataset.target + "/" + item.dataset.id, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Authorization": "Bearer " + token },
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().then(function (data) { return { status: response.status, data: data }; });
    }).then(function (answer) {
      item.classList.remove("busy");
      if (!answer.data.ok) {
        var why = answer.status === 403 ? "Refused (" + answer.status + "): " : "Not saved: ";
        fail(item, why + answer.data.error + ". Your edits are kept; fix and try again.");
        return;
      }
      item.classList.remove("refused");
      item.querySelector("p.error").hidden = true;
      item.classList.add("done", "done-" + action);
      var status = { accept: "accepted", correct: "corrected", reject: "rejected" }[action];
      item.querySelector(".outcome").textContent = status + " by " + who;
      nextOpen(items.indexOf(item));
    }).catch(function (error) {
      item.classList.remove("busy");
      fail(item, "Not saved: " + error + ". Your edits are kept.");
    });
  }

  function onKey(event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var inField = event.target.matches("input, select, textarea");
    var item = items[current];
    if (inField) {
      var card = event.target.closest(".qitem");
      if (!card) return;
      if (event.key === "Enter") { event.preventDefault(); send(card, "correct"); }
      if (event.key === "Escape") { event.preventDefault(); card.focus(); }
      return;
    }
    if (!item) return;
    var keys = {
      j: function () { select(current + 1); },
      n: function () { select(current + 1); },
      k: function () { select(current - 1); },
      p: function () { select(current - 1); },
      a: function () { send(item, "accept"); },
      r: function () { send(item, "reject"); },
      e: function () { var f = item.querySelector("[name^='f.']"); if (f) f.focus(); },
      o: function () { var a = item.querySelector("a.src"); if (a) window.location.href = a.href; }
    };
    if (keys[event.key]) { event.preventDefault(); keys[event.key](); }
  }

  document.addEventListener("DOMContentLoaded", function () {
    items = Array.prototype.slice.call(document.querySelectorAll("#queue .qitem"));
    items.forEach(function (item, i) {
      item.addEventListener("click", function () { if (current !== i) select(i); });
      item.querySelectorAll("button[data-action]").forEach(function (button) {
        button.addEventListener("click", function (event) {
          event.preventDefault();
          send(item, button.dataset.action);
        });
      });
      var form = item.querySelector("form.qreview");
      if (form) form.addEventListener("submit", function (event) { event.preventDefault(); });
    });
    document.addEventListener("keydown", onKey);
    select(0);
  });
})();
