// The create page's script (a file, not inline: the CSP allows scripts from this server only).
(function () {
  var map = document.getElementById("pick-map");
  if (window.JiedaoMap && map) {
    JiedaoMap.pick("pick-map", "id_lat", "id_lng", map.getAttribute("data-geojson-url"));
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-category]");
    if (!button) { return; }
    document.getElementById("id_category").value = button.getAttribute("data-category");
    button.classList.add("active");
  });
})();
