// Charts on the operators' pages, drawn by ECharts from the numbers the page carries (data-chart).
(function () {
  'use strict';
  function draw(element) {
    var data = JSON.parse(element.dataset.chart);
    var chart = echarts.init(element, null, { renderer: 'svg' });
    function series(name, values, color) {
      return { name: name, type: 'bar', stack: 'cause', data: values, itemStyle: { color: color }, barMaxWidth: 24 };
    }
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 32, bottom: 48 },
      xAxis: { type: 'category', data: data.labels, axisLabel: { hideOverlap: true } },
      yAxis: { type: 'value', minInterval: 1, name: 'spinnere' },
      series: [series('server', data.server, '#b42318'), series('net/browser', data.network, '#0b5cad'), series('opgivet', data.abandoned, '#8a94a0')]
    });
    window.addEventListener('resize', function () { chart.resize(); });
  }
  document.querySelectorAll('[data-chart]').forEach(draw);
})();
