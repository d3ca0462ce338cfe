/* JiedaoMap: Leaflet helpers shared by the grid map and location pickers.
 *
 * Needs leaflet.js (and leaflet.css) loaded before it. Reads the tile URL, attribution and
 * translated labels from the page's <script id="jiedao-map-config"> (written by base.html), so
 * with no tile URL configured the map is a plain background with the grid polygons on it.
 *
 *   JiedaoMap.pick(elementId, latInputId, lngInputId, geojsonUrl)
 *     draws the grids in #elementId; a click (or "use my location") sets the two inputs,
 *     fires "change" on them and a "jiedao:pick" event {lat, lng, grid} on the map element.
 */
(function (global) {
  "use strict";

  var DEFAULT_CENTER = [30.0, 120.0];
  var OWN_STYLE = { color: "#0b5ed7", weight: 3, opacity: 0.95, fillColor: "#0d6efd", fillOpacity: 0.22 };
  var OTHER_STYLE = { color: "#495057", weight: 1.5, opacity: 0.8, fillColor: "#adb5bd", fillOpacity: 0.08, dashArray: "4 3" };

  function config() {
    var node = document.getElementById("jiedao-map-config");
    var cfg = {};
    if (node) {
      try { cfg = JSON.parse(node.textContent) || {}; } catch (e) { cfg = {}; }
    }
    cfg.labels = cfg.labels || {};
    return cfg;
  }

  function label(key, fallback) {
    return config().labels[key] || fallback;
  }

  /* Leaflet's credit as its attribution prefix, with a translated title (HTML built by the DOM). */
  function leafletCredit() {
    var link = document.createElement("a");
    link.href = "https://leafletjs.com";
    link.textContent = "Leaflet";
    link.title = label("leafletTitle", "开源交互式地图库");
    return link.outerHTML;
  }

  /* A Leaflet map in `element`; tiles only when a tile URL is configured. */
  function create(element) {
    var cfg = config();
    // Fractional zoom so a small sub-district fills a phone screen; a street-level cap because
    // without tiles nothing limits zooming into an empty background.
    var map = L.map(element, { zoomSnap: 0.25, zoomDelta: 0.5, maxZoom: 19, minZoom: 3, zoomControl: false })
      .setView(DEFAULT_CENTER, 12);
    // Leaflet's controls in the page's language: zoom button titles and the attribution prefix.
    L.control.zoom({ zoomInTitle: label("zoomIn", "放大"), zoomOutTitle: label("zoomOut", "缩小") }).addTo(map);
    map.attributionControl.setPrefix(leafletCredit());
    if (cfg.tileUrl) {
      L.tileLayer(cfg.tileUrl, { attribution: cfg.attribution || "", maxZoom: 19 }).addTo(map);
    } else {
      element.classList.add("jd-map-plain");
    }
    return map;
  }

  function tooltipFor(props) {
    var box = document.createElement("div");
    var name = document.createElement("strong");
    name.textContent = props.name || "";
    box.appendChild(name);
    if (props.community) {
      var community = document.createElement("div");
      community.textContent = props.community;
      box.appendChild(community);
    }
    return box;
  }

  /* Fetch `url` (a FeatureCollection) and draw it; resolves to the L.GeoJSON layer. */
  function drawGrids(map, url, options) {
    options = options || {};
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/geo+json, application/json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      })
      .then(function (collection) {
        var layer = L.geoJSON(collection, {
          style: function (feature) { return feature.properties.own ? OWN_STYLE : OTHER_STYLE; },
          onEachFeature: function (feature, path) {
            path.bindTooltip(tooltipFor(feature.properties), { sticky: true, direction: "top" });
          }
        }).addTo(map);
        layer.eachLayer(function (path) { if (path.feature.properties.own) { path.bringToFront(); } });
        var bounds = layer.getBounds();
        if (bounds.isValid() && options.fit !== false) {
          map.fitBounds(bounds, { padding: [16, 16], animate: false });
        }
        map.getContainer().setAttribute("data-grids-drawn", String(layer.getLayers().length));
        return layer;
      });
  }

  /* Ray casting over one GeoJSON ring of [lng, lat] pairs. */
  function inRing(lng, lat, ring) {
    var inside = false;
    for (var i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      var xi = ring[i][0], yi = ring[i][1], xj = ring[j][0], yj = ring[j][1];
      if ((yi > lat) !== (yj > lat) && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) {
        inside = !inside;
      }
    }
    return inside;
  }

  function inPolygon(lng, lat, rings) {
    if (!rings.length || !inRing(lng, lat, rings[0])) { return false; }
    for (var k = 1; k < rings.length; k++) {
      if (inRing(lng, lat, rings[k])) { return false; }
    }
    return true;
  }

  /* The properties of the grid containing (lat, lng), or null. The server decides for real. */
  function gridAt(layer, lat, lng) {
    var found = null;
    if (!layer) { return null; }
    layer.eachLayer(function (path) {
      var geometry = path.feature && path.feature.geometry;
      if (found || !geometry) { return; }
      var polygons = geometry.type === "MultiPolygon" ? geometry.coordinates
        : geometry.type === "Polygon" ? [geometry.coordinates] : [];
      for (var p = 0; p < polygons.length; p++) {
        if (inPolygon(lng, lat, polygons[p])) { found = path.feature.properties; return; }
      }
    });
    return found;
  }

  function pick(elementId, latInputId, lngInputId, geojsonUrl) {
    var element = document.getElementById(elementId);
    var latInput = document.getElementById(latInputId);
    var lngInput = document.getElementById(lngInputId);
    if (!element || !latInput || !lngInput) { return null; }
    element.classList.add("jd-map", "jd-map-pick");
    var map = create(element);
    var status = document.createElement("p");
    status.className = "jd-pick-status small text-body-secondary mt-1 mb-0";
    status.setAttribute("role", "status");
    element.insertAdjacentElement("afterend", status);
    var marker = null;
    var grids = null;

    function describe(lat, lng) {
      var grid = gridAt(grids, lat, lng);
      status.textContent = label("picked", "已选位置") + "：" + lat.toFixed(6) + ", " + lng.toFixed(6) + " · " +
        (grid ? label("grid", "所在网格") + "：" + grid.name + (grid.community ? "（" + grid.community + "）" : "")
              : label("outside", "不在任何网格内"));
      return grid;
    }

    function place(lat, lng, pan) {
      var at = L.latLng(lat, lng);
      if (marker) { marker.setLatLng(at); }
      else {
        marker = L.circleMarker(at, { radius: 9, color: "#ffffff", weight: 3, fillColor: "#dc3545", fillOpacity: 1 }).addTo(map);
      }
      if (pan) { map.setView(at, Math.max(map.getZoom(), 16)); }
      return describe(lat, lng);
    }

    function setPoint(lat, lng, pan) {
      latInput.value = lat.toFixed(6);
      lngInput.value = lng.toFixed(6);
      var grid = place(lat, lng, pan);
      [latInput, lngInput].forEach(function (input) {
        input.dispatchEvent(new Event("change", { bubbles: true }));
      });
      element.dispatchEvent(new CustomEvent("jiedao:pick", { bubbles: true, detail: { lat: lat, lng: lng, grid: grid } }));
    }

    function fromInputs(pan) {
      var lat = parseFloat(latInput.value), lng = parseFloat(lngInput.value);
      if (isFinite(lat) && isFinite(lng) && Math.abs(lat) <= 90 && Math.abs(lng) <= 180) {
        place(lat, lng, pan);
        return true;
      }
      return false;
    }

    map.on("click", function (event) { setPoint(event.latlng.lat, event.latlng.lng, false); });
    latInput.addEventListener("input", function () { fromInputs(true); });
    lngInput.addEventListener("input", function () { fromInputs(true); });

    var LocateControl = L.Control.extend({
      options: { position: "topright" },
      onAdd: function () {
        var button = L.DomUtil.create("button", "btn btn-light btn-sm shadow-sm jd-locate");
        button.type = "button";
        button.textContent = label("useLocation", "使用我的位置");
        L.DomEvent.disableClickPropagation(button);
        L.DomEvent.on(button, "click", function () {
          if (!navigator.geolocation) {
            status.textContent = label("noGeolocation", "此浏览器不支持定位，请在地图上点选位置。");
            return;
          }
          button.disabled = true;
          status.textContent = label("locating", "正在定位…");
          navigator.geolocation.getCurrentPosition(function (position) {
            button.disabled = false;
            setPoint(position.coords.latitude, position.coords.longitude, true);
          }, function () {
            button.disabled = false;
            status.textContent = label("geolocationFailed", "无法获取当前位置，请在地图上点选位置。");
          }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
        });
        return button;
      }
    });
    map.addControl(new LocateControl());

    var hasPoint = fromInputs(true);
    drawGrids(map, geojsonUrl, { fit: !hasPoint }).then(function (layer) {
      grids = layer;
      if (hasPoint) { fromInputs(false); }
    }).catch(function () {
      status.textContent = label("loadFailed", "网格边界加载失败。");
    });

    return { map: map, setPoint: function (lat, lng) { setPoint(lat, lng, true); } };
  }

  global.JiedaoMap = {
    config: config,
    create: create,
    drawGrids: drawGrids,
    gridAt: gridAt,
    pick: pick
  };
})(window);
