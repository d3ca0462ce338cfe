// Behaviour the templates declare with data attributes instead of inline handlers (the CSP runs
// no inline script): data-jd-submit sends its form on change (after emptying the fields named in
// data-jd-clear), data-jd-print prints the page, and a form's data-jd-quiet names the fields
// whose change its htmx trigger must not see (a trigger filter would need eval).
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var el = event.target.closest("[data-jd-submit]");
    if (!el || !el.form) { return; }
    (el.getAttribute("data-jd-clear") || "").split(" ").forEach(function (name) {
      if (name && el.form.elements[name]) { el.form.elements[name].value = ""; }
    });
    el.form.submit();
  });
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-jd-print]")) { window.print(); }
  });
  document.addEventListener("change", function (event) {
    var form = event.target.form;
    var quiet = form && form.getAttribute("data-jd-quiet");
    if (quiet && quiet.split(" ").indexOf(event.target.name) >= 0) { event.stopPropagation(); }
  }, true);
})();
