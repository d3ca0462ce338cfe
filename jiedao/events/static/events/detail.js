// The detail page's script (a file, not inline: the CSP allows scripts from this server only).
(function () {
  var el = document.getElementById("case-map");
  if (!el || !window.JiedaoMap) { return; }
  el.style.height = "260px";
  el.style.minHeight = "0";
  var map = JiedaoMap.create(el);
  var grid = JSON.parse(document.getElementById("case-grid").textContent);
  var point = JSON.parse(document.getElementById("case-point").textContent);
  var bounds = null;
  if (grid) {
    var layer = L.geoJSON(grid, { style: { color: "#0b5ed7", weight: 2, fillOpacity: 0.15 } }).addTo(map);
    bounds = layer.getBounds();
  }
  if (point) {
    L.circleMarker([point.lat, point.lng], { radius: 8, color: "#fff", weight: 3, fillColor: "#dc3545", fillOpacity: 1 }).addTo(map);
    bounds = bounds ? bounds.extend([point.lat, point.lng]) : L.latLngBounds([[point.lat, point.lng], [point.lat, point.lng]]);
  }
  if (bounds && bounds.isValid()) { map.fitBounds(bounds, { padding: [16, 16], maxZoom: 17, animate: false }); }
  el.setAttribute("data-ready", "1");
})();
