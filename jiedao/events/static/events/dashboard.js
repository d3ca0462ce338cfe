// The dashboard page's script (a file, not inline: the CSP allows scripts from this server only).
(function () {
  "use strict";
  if (!window.echarts) { return; }
  var data = JSON.parse(document.getElementById("dashboard-data").textContent);
  var L = document.getElementById("dashboard-labels").dataset;
  var TIME_COLORS = { green: "#198754", yellow: "#ffc107", red: "#dc3545", none: "#adb5bd" };
  var charts = [];
  // A click on a bar, slice or point opens the records behind it (the table's link).
  function chart(id, option, urlOf) {
    var el = document.getElementById(id);
    var c = echarts.init(el, null, { renderer: "svg" });
    option.animation = false;
    c.setOption(option);
    if (urlOf) { c.on("click", function (p) { var u = urlOf(p); if (u) { window.location.href = u; } }); }
    charts.push(c);
    el.setAttribute("data-ready", "1");
  }
  function pie(id, rows, colorOf) {
    var shown = rows.filter(function (r) { return r.value > 0; });
    chart(id, {
      tooltip: { trigger: "item" },
      series: [{ type: "pie", radius: ["35%", "65%"], label: { formatter: "{b}\n{c}" },
        data: shown.map(function (r) {
          var item = { name: r.label, value: r.value };
          if (colorOf) { item.itemStyle = { color: colorOf(r) }; }
          return item;
        }) }]
    }, function (p) { return shown[p.dataIndex] && shown[p.dataIndex].url; });
  }
  chart("chart-state", {
    tooltip: {}, grid: { left: 10, right: 10, top: 10, bottom: 10, containLabel: true },
    xAxis: { type: "category", data: data.by_state.map(function (r) { return r.label; }), axisLabel: { interval: 0, rotate: 40 } },
    yAxis: { type: "value", minInterval: 1 },
    series: [{ type: "bar", barMaxWidth: 36, data: data.by_state.map(function (r) { return r.value; }), itemStyle: { color: "#0d6efd" } }]
  }, function (p) { return data.by_state[p.dataIndex].url; });
  pie("chart-platform", data.by_platform);
  pie("chart-time", data.by_time_status, function (r) { return TIME_COLORS[r.key]; });
  var deps = data.departments.slice().reverse();
  if (!deps.length) { document.getElementById("chart-departments").style.display = "none"; } else chart("chart-departments", {
    tooltip: { trigger: "axis" }, legend: { top: 0 }, grid: { left: 10, right: 16, top: 30, bottom: 10, containLabel: true },
    xAxis: { type: "value", minInterval: 1 },
    yAxis: { type: "category", data: deps.map(function (r) { return r.label; }) },
    series: [
      { name: L.redCases, type: "bar", barMaxWidth: 14, data: deps.map(function (r) { return r.red_cases; }), itemStyle: { color: "#dc3545" } },
      { name: L.redCards, type: "bar", barMaxWidth: 14, data: deps.map(function (r) { return r.red_cards; }), itemStyle: { color: "#a52834" } },
      { name: L.yellowCards, type: "bar", barMaxWidth: 14, data: deps.map(function (r) { return r.yellow_cards; }), itemStyle: { color: "#ffc107" } }
    ]
  }, function (p) { return deps[p.dataIndex].urls[["red_cases", "red_cards", "yellow_cards"][p.seriesIndex]]; });
  chart("chart-trend", {
    tooltip: { trigger: "axis" }, legend: { top: 0 }, grid: { left: 10, right: 16, top: 30, bottom: 10, containLabel: true },
    xAxis: { type: "category", data: data.trend.map(function (r) { return r.label; }) },
    yAxis: { type: "value", minInterval: 1 },
    series: [
      { name: L.reported, type: "line", data: data.trend.map(function (r) { return r.reported; }), itemStyle: { color: "#0d6efd" } },
      { name: L.resolved, type: "line", data: data.trend.map(function (r) { return r.resolved; }), itemStyle: { color: "#198754" } }
    ]
  }, function (p) { return data.trend[p.dataIndex].urls[["reported", "resolved"][p.seriesIndex]]; });
  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
  window.addEventListener("beforeprint", function () { charts.forEach(function (c) { c.resize(); }); });
})();
