/* Goals dashboard charts: every bar opens the drill-down of its number. */
(function () {
  "use strict";
  if (!window.echarts) { return; }
  var data = JSON.parse(document.getElementById("goals-data").textContent);
  var L = document.getElementById("goals-labels").dataset;
  var STATUS = { done: "#198754", on_track: "#0d6efd", behind: "#fd7e14", no_data: "#6c757d", pending: "#6c757d" };
  var charts = [];
  function plain(v) { return String(v); }
  function chart(id, option, rows) {
    var el = document.getElementById(id);
    if (!el) { return; }
    var c = echarts.init(el, null, { renderer: "svg" });
    option.animation = false;
    c.setOption(option);
    c.on("click", function (p) { var r = rows[p.dataIndex]; if (r && r.url) { window.location.href = r.url; } });
    charts.push(c);
    el.setAttribute("data-ready", "1");
  }
  var t = data.targets.slice().reverse();
  if (t.length) {
    document.getElementById("chart-targets").style.height = Math.max(160, 40 * t.length + 60) + "px";
    chart("chart-targets", {
      tooltip: { trigger: "axis", valueFormatter: function (v) { return v + "%"; } },
      legend: { top: 0, data: [L.reached, L.expected] },
      grid: { left: 180, right: 30, top: 30, bottom: 20 },
      xAxis: { type: "value", min: 0, max: function (v) { return Math.max(100, Math.ceil(v.max / 10) * 10); }, axisLabel: { formatter: "{value}%" } },
      yAxis: { type: "category", data: t.map(function (r) { return r.label; }), axisLabel: { width: 170, overflow: "truncate" } },
      series: [
        { name: L.reached, type: "bar", barMaxWidth: 18, itemStyle: { color: STATUS.on_track }, label: { show: true, position: "right", formatter: "{c}%" },
          data: t.map(function (r) { return { value: r.percent, itemStyle: { color: STATUS[r.status] } }; }) },
        { name: L.expected, type: "scatter", symbol: "rect", symbolSize: [3, 26], itemStyle: { color: "#dc3545" },
          data: t.map(function (r) { return r.expected; }) }
      ]
    }, t);
  }
  data.sections.forEach(function (s) {
    s.charts.forEach(function (c, i) {
      var rows = c.rows.slice().reverse();
      var id = "chart-" + s.key + "-" + i;
      var el = document.getElementById(id);
      if (el) { el.style.height = Math.max(140, 28 * rows.length + 60) + "px"; }
      chart(id, {
        title: { text: c.title ? c.title + "（" + c.unit + "）" : c.unit, left: "center", textStyle: { fontSize: 12, fontWeight: "normal" } },
        tooltip: { trigger: "axis", formatter: function (ps) { var r = rows[ps[0].dataIndex]; return r.label + "：" + r.n + " " + r.unit; } },
        grid: { left: 130, right: 60, top: 30, bottom: 20 },
        xAxis: { type: "value", minInterval: c.unit === "%" ? 0 : 1, axisLabel: { formatter: plain } },
        yAxis: { type: "category", data: rows.map(function (r) { return r.short; }), axisLabel: { width: 120, overflow: "truncate" } },
        series: [{ type: "bar", barMaxWidth: 16, itemStyle: { color: "#0d6efd" }, label: { show: true, position: "right" },
          data: rows.map(function (r) { return r.n; }) }]
      }, rows);
    });
  });
  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
  window.addEventListener("beforeprint", function () { charts.forEach(function (c) { c.resize(); }); });
})();
