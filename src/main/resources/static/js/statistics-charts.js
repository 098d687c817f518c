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

  // a stacked bar chart whose tooltip lists every dataset of the hovered bar, then the lines of footerOf(index)
  function barChart(canvasId, labels, datasets, footerOf) {
    var canvas = document.getElementById(canvasId);
    if (!canvas) {
      return null;
    }
    return new Chart(canvas, {
      type: 'bar',
      data: { labels: labels, datasets: datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: 'index', intersect: false },
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
        plugins: {
          tooltip: {
            callbacks: {
              label: function (item) { return item.dataset.label + ' : ' + number.format(item.parsed.y); },
              footer: function (items) { return footerOf(items[0].dataIndex); }
            }
          }
        }
      }
    });
  }

  // months and MEFSTATs: one dataset per category; the tooltip adds the total and the readers
  function byCategory(canvasId, rows) {
    return barChart(canvasId, rows.map(function (r) { return r.label; }),
      categories.map(function (c) {
        return { label: c.label, backgroundColor: c.color, data: rows.map(function (r) { return r[c.key]; }) };
      }),
      function (i) {
        return ['Total : ' + number.format(rows[i].total),
                'Responsables : ' + number.format(rows[i].guardians) + ' — Élèves : ' + number.format(rows[i].students)];
      });
  }

  var charts = {};
  charts.byMonth = byCategory('chart-by-month', data.byMonth);
  charts.byMefStat = byCategory('chart-by-mefstat', data.byMefStat);
  // categories: who read them, guardians or students
  charts.byCategory = barChart('chart-by-category', data.byCategory.map(function (c) { return c.label; }), [
    { label: 'Responsables', backgroundColor: '#000091', data: data.byCategory.map(function (c) { return c.guardians; }) },
    { label: 'Élèves', backgroundColor: '#6a6af4', data: data.byCategory.map(function (c) { return c.students; }) }
  ], function (i) { return 'Total : ' + number.format(data.byCategory[i].total); });
  // for a browser test and for anyone curious in the console
  window.teleservicesCharts = charts;
})();
