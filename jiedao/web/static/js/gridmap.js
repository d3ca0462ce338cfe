/* The grid map page: draws the user's grids and lets a table row zoom to its grid. */
(function () {
  "use strict";
  var element = document.getElementById("grid-map");
  if (!element || !window.JiedaoMap) { return; }
  var status = document.getElementById("grid-map-status");
  var cfg = JiedaoMap.config();
  var map = JiedaoMap.create(element);
  JiedaoMap.drawGrids(map, element.dataset.geojsonUrl).then(function (layer) {
    var byId = {};
    layer.eachLayer(function (path) { byId[path.feature.properties.id] = path; });
    if (!Object.keys(byId).length && status) { status.textContent = cfg.labels.noGrids || ""; }
    document.querySelectorAll("[data-grid-id]").forEach(function (row) {
      row.addEventListener("click", function () {
        var path = byId[row.dataset.gridId];
        if (!path) { return; }
        map.fitBounds(path.getBounds(), { padding: [24, 24] });
        path.openTooltip();
        element.scrollIntoView({ behavior: "smooth", block: "nearest" });
      });
    });
  }).catch(function () {
    if (status) { status.textContent = cfg.labels.loadFailed || ""; }
  });
})();
