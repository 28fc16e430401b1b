// Charts drawn by ECharts from the numbers the page carries (data-chart), by their kind (data-chart-kind):
// the operators' spinners over time, and a company's result per month and cash over the year.
(function () {
  'use strict';
  var kroner = new Intl.NumberFormat('da-DK', { maximumFractionDigits: 0 });
  var text = window.ledgerline ? window.ledgerline.text : function (key) { return key; };

  function spinners(data) {
    function series(name, values, color) {
      return { name: name, type: 'bar', stack: 'cause', data: values, itemStyle: { color: color }, barMaxWidth: 24 };
    }
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 32, bottom: 48 },
      xAxis: { type: 'category', data: data.labels, axisLabel: { hideOverlap: true } },
      yAxis: { type: 'value', minInterval: 1, name: text('chart.spinners') },
      series: [series(text('chart.server'), data.server, '#b42318'), series(text('chart.network'), data.network, '#0b5cad'),
        series(text('chart.abandoned'), data.abandoned, '#8a94a0')]
    };
  }

  function result(data) {
    return {
      tooltip: { trigger: 'axis', valueFormatter: function (v) { return kroner.format(v) + ' kr.'; } },
      legend: { top: 0 },
      grid: { left: 64, right: 16, top: 32, bottom: 32 },
      xAxis: { type: 'category', data: data.labels },
      yAxis: { type: 'value', axisLabel: { formatter: function (v) { return kroner.format(v); } } },
      series: [
        { name: text('chart.revenue'), type: 'bar', data: data.revenue, itemStyle: { color: '#0b5cad' }, barMaxWidth: 18 },
        { name: text('chart.expenses'), type: 'bar', data: data.expenses, itemStyle: { color: '#d08a2e' }, barMaxWidth: 18 },
        { name: text('chart.result'), type: 'line', data: data.result, itemStyle: { color: '#1a7f37' } },
        { name: text('chart.lastYearResult'), type: 'line', data: data.lastYearResult, lineStyle: { type: 'dashed' }, itemStyle: { color: '#8a94a0' } }
      ]
    };
  }

  function cash(data) {
    return {
      tooltip: { trigger: 'axis', valueFormatter: function (v) { return kroner.format(v) + ' kr.'; } },
      grid: { left: 64, right: 16, top: 16, bottom: 32 },
      xAxis: { type: 'category', data: data.labels, axisLabel: { hideOverlap: true } },
      yAxis: { type: 'value', axisLabel: { formatter: function (v) { return kroner.format(v); } } },
      series: [{ name: text('chart.cash'), type: 'line', areaStyle: { opacity: 0.15 }, data: data.cash, itemStyle: { color: '#0b5cad' } }]
    };
  }

  var kinds = { spinners: spinners, result: result, cash: cash };

  function draw(element) {
    var data = JSON.parse(element.dataset.chart);
    var kind = kinds[element.dataset.chartKind || 'spinners'];
    var chart = echarts.init(element, null, { renderer: 'svg' });
    var option = kind(data);
    option.animation = false;
    chart.setOption(option);
    window.addEventListener('resize', function () { chart.resize(); });
  }
  document.querySelectorAll('[data-chart]').forEach(draw);
})();
