// « Synthèse accès téléservices » (§6.3): three Chart.js bar charts drawn from the figures the page carries in
// data-statistiques (the same as its tables); the tooltip of a bar details it by category and by reader.
(function () {
  'use strict';
  var root = document.getElementById('acces');
  if (!root || typeof Chart === 'undefined') {
    return;
  }
  var data = JSON.parse(root.getAttribute('data-statistiques'));
  var categories = [
    { key: 'absences', label: 'Absences', color: '#ce614a' },
    { key: 'lpc', label: 'LPC', color: '#009081' },
    { key: 'notes', label: 'Notes', color: '#000091' },
    { key: 'ficheRenseignements', label: 'Fiche de renseignements', color: '#a558a0' }
  ];
  var number = new Intl.NumberFormat('fr-FR');

  Chart.defaults.font.family = 'Marianne, arial, sans-serif';
  Chart.defaults.animation = false; // the figures are read, not watched; a screenshot shows the final chart

  function footer(rows) {
    return function (items) {
      var row = rows[items[0].dataIndex];
      return ['Total : ' + number.format(row.total),
              'Responsables : ' + number.format(row.guardians) + ' — Élèves : ' + number.format(row.students)];
    };
  }

  function stackedByCategory(canvasId, rows, labelOf) {
    var canvas = document.getElementById(canvasId);
    if (!canvas) {
      return null;
    }
    return new Chart(canvas, {
      type: 'bar',
      data: {
        labels: rows.map(labelOf),
        datasets: categories.map(function (c) {
          return { label: c.label, backgroundColor: c.color, data: rows.map(function (r) { return r[c.key]; }) };
        })
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: 'index', intersect: false },
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
        plugins: {
          tooltip: {
            callbacks: {
              label: function (item) { return item.dataset.label + ' : ' + number.format(item.parsed.y); },
              footer: footer(rows)
            }
          }
        }
      }
    });
  }

  var charts = {};
  charts.byMonth = stackedByCategory('chart-by-month', data.byMonth, function (m) { return m.label; });
  charts.byMefStat = stackedByCategory('chart-by-mefstat', data.byMefStat, function (m) { return m.label; });
  charts.byCategory = new Chart(document.getElementById('chart-by-category'), {
    type: 'bar',
    data: {
      labels: data.byCategory.map(function (c) { return c.label; }),
      datasets: [
        { label: 'Responsables', backgroundColor: '#000091', data: data.byCategory.map(function (c) { return c.guardians; }) },
        { label: 'Élèves', backgroundColor: '#6a6af4', data: data.byCategory.map(function (c) { return c.students; }) }
      ]
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'index', intersect: false },
      scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
      plugins: {
        tooltip: {
          callbacks: {
            label: function (item) { return item.dataset.label + ' : ' + number.format(item.parsed.y); },
            footer: function (items) { return 'Total : ' + number.format(data.byCategory[items[0].dataIndex].total); }
          }
        }
      }
    }
  });
  // for a browser test and for anyone curious in the console
  window.teleservicesCharts = charts;
})();
