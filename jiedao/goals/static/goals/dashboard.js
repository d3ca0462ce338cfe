/* Goals dashboard charts: every bar opens the drill-down of its number. */
(function () {
  "use strict";
  if (!window.echarts) { return; }
  var data = JSON.parse(document.getElementById("goals-data").textContent);
  var L = document.getElementById("goals-labels").dataset;
  // The status colours of goals.css (.jd-status-*), so chart, badge and progress bar agree.
  var STATUS = { done: "#198754", on_track: "#0d6efd", behind: "#fd7e14", no_data: "#6c757d", pending: "#6c757d" };
  var EXPECTED = "#dc3545";
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
  // Targets: one bar series per status, each drawn in its status colour, so the legend names
  // exactly the colours the bars wear (a bar coloured per item would leave the legend's swatch
  // that of the series); the stack keeps each target's one bar centred on its row.
  function pct(v) { return (v === null || v === undefined) ? "" : Number(v).toFixed(1) + "%"; }
  var t = data.targets.slice().reverse();
  if (t.length) {
    var statuses = [["done", L.done], ["on_track", L.onTrack], ["behind", L.behind]];
    document.getElementById("chart-targets").style.height = Math.max(160, 40 * t.length + 70) + "px";
    var series = statuses.map(function (s) {
      return {
        name: s[1], type: "bar", stack: "reached", barMaxWidth: 18, itemStyle: { color: STATUS[s[0]] },
        label: { show: true, position: "right", formatter: function (p) { return pct(p.value); } },
        data: t.map(function (r) { return r.status === s[0] ? r.percent : null; })
      };
    });
    series.push({ name: L.expected, type: "scatter", symbol: "rect", symbolSize: [3, 26], itemStyle: { color: EXPECTED, opacity: 1 },
      data: t.map(function (r) { return r.expected; }) });
    chart("chart-targets", {
      color: statuses.map(function (s) { return STATUS[s[0]]; }).concat([EXPECTED]),
      tooltip: { trigger: "axis", formatter: function (ps) {
        var r = t[ps[0].dataIndex];
        return r.label + "<br>" + L.reached + " " + pct(r.percent) + "<br>" + L.expected + " " + pct(r.expected);
      } },
      legend: { top: 0, data: series.map(function (x) { return x.name; }) },
      grid: { left: 10, right: 50, top: 34, bottom: 10, containLabel: true },
      xAxis: { type: "value", min: 0, max: function (v) { return Math.max(100, Math.ceil(v.max / 10) * 10); }, axisLabel: { formatter: "{value}%" } },
      yAxis: { type: "category", data: t.map(function (r) { return r.label; }), axisLabel: { width: 220, overflow: "truncate" } },
      series: series
    }, t);
  }
  data.sections.forEach(function (s) {
    s.charts.forEach(function (c, i) {
      var rows = c.rows.slice().reverse();
      // A rate prints with one decimal, like every percentage on the page (95.0, 91.4).
      var shown = function (v) { return c.unit === "%" && v !== null ? Number(v).toFixed(1) : String(v); };
      var id = "chart-" + s.key + "-" + i;
      var el = document.getElementById(id);
      if (el) { el.style.height = Math.max(140, 28 * rows.length + 60) + "px"; }
      chart(id, {
        title: { text: c.title ? c.title + "（" + c.unit + "）" : c.unit, left: "center", textStyle: { fontSize: 12, fontWeight: "normal" } },
        tooltip: { trigger: "axis", formatter: function (ps) { var r = rows[ps[0].dataIndex]; return r.label + "：" + shown(r.n) + " " + r.unit; } },
        grid: { left: 10, right: 60, top: 30, bottom: 10, containLabel: true },
        xAxis: { type: "value", minInterval: c.unit === "%" ? 0 : 1, axisLabel: { formatter: plain } },
        yAxis: { type: "category", data: rows.map(function (r) { return r.short; }), axisLabel: { width: 120, overflow: "truncate" } },
        series: [{ type: "bar", barMaxWidth: 16, itemStyle: { color: "#0d6efd" }, label: { show: true, position: "right", formatter: function (p) { return shown(p.value); } },
          data: rows.map(function (r) { return r.n; }) }]
      }, rows);
    });
  });
  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
  window.addEventListener("beforeprint", function () { charts.forEach(function (c) { c.resize(); }); });
})();
