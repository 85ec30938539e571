/* Tertulia: keeps what is typed in a form marked data-draft, so a failed submit, a lost
   connection or a reload loses nothing. Progressive enhancement: forms work without it. */
(function () {
  "use strict";
  var PREFIX = "tertulia-draft:";
  var SENT = "tertulia-draft-sent";
  var store;
  document.documentElement.setAttribute("data-js", "on");
  try {
    store = window.localStorage;
    store.setItem(PREFIX + "probe", "1");
    store.removeItem(PREFIX + "probe");
  } catch (e) {
    return;
  }

  function fieldsOf(form) {
    return form.querySelectorAll("textarea, input[type=text]");
  }

  function keyOf(form, field) {
    return PREFIX + form.getAttribute("action") + "#" + field.name;
  }

  function forget(keys) {
    keys.forEach(function (key) { store.removeItem(key); });
  }

  var sent = [];
  try {
    sent = JSON.parse(store.getItem(SENT) || "[]");
  } catch (e) {
    sent = [];
  }
  store.removeItem(SENT);
  if (sent.length && document.querySelector(".flash[data-flash=flash-posted], .flash[data-flash=flash-held]")) {
    forget(sent);
  }

  Array.prototype.forEach.call(document.querySelectorAll("form[data-draft]"), function (form) {
    var restored = false;
    Array.prototype.forEach.call(fieldsOf(form), function (field) {
      var key = keyOf(form, field);
      var saved = store.getItem(key);
      if (saved && !field.value.trim()) {
        field.value = saved;
        restored = true;
      }
      field.addEventListener("input", function () {
        if (field.value.trim()) {
          store.setItem(key, field.value);
        } else {
          store.removeItem(key);
        }
      });
    });
    if (restored && form.dataset.draft) {
      var note = document.createElement("p");
      note.className = "hint draft-restored";
      note.setAttribute("role", "status");
      note.textContent = form.dataset.draft;
      form.insertBefore(note, form.firstChild);
    }
    form.addEventListener("submit", function () {
      var keys = Array.prototype.map.call(fieldsOf(form), function (field) {
        return keyOf(form, field);
      });
      store.setItem(SENT, JSON.stringify(keys));
    });
  });
})();
