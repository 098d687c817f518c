// « Parcours des comptes »: one horizontal bar per line of the table (division, or establishment for the académie),
// split into the stages in their order, each as a share of the line so that divisions of different sizes compare;
// the tooltip gives the count beside the share. The figures are the table's, carried in data-parcours.
(function () {
  'use strict';
  var root = document.getElementById('synthese');
  var canvas = document.getElementById('chart-funnel');
  if (!root || !canvas || typeof Chart === 'undefined') {
    return;
  }
  var synthesis = JSON.parse(root.getAttribute('data-parcours'));
  var stages = [
    { key: 'refusals', label: 'Refus téléservices', color: '#929292' },
    { key: 'withoutCode', label: 'Sans code valide', color: '#ce614a' },
    { key: 'notNotified', label: 'Code non notifié', color: '#e4794a' },
    { key: 'notifiedWithoutAccount', label: 'Code notifié, pas de compte', color: '#c3992a' },
    { key: 'provisional', label: 'Compte provisoire', color: '#6a6af4' },
    { key: 'confirmationExpired', label: 'Confirmation expirée', color: '#a558a0' },
    { key: 'confirmed', label: 'Compte confirmé', color: '#18753c' }
  ];
  var rows = synthesis.rows;
  var number = new Intl.NumberFormat('fr-FR');
  var share = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
  function percent(row, key) {
    return row.population === 0 ? 0 : 100 * row[key] / row.population;
  }
  function label(row) {
    return row.division ? row.division + (row.mefLabel ? ' (' + row.mefLabel + ')' : '') : (row.uai ? row.uai + ' ' + (row.name || '') : '—');
  }

  Chart.defaults.font.family = 'Marianne, arial, sans-serif';
  Chart.defaults.animation = false;
  window.teleservicesFunnel = new Chart(canvas, {
    type: 'bar',
    data: {
      labels: rows.map(label),
      datasets: stages.map(function (s) {
        return { label: s.label, backgroundColor: s.color, data: rows.map(function (r) { return percent(r, s.key); }) };
      })
    },
    options: {
      indexAxis: 'y',
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: { stacked: true, min: 0, max: 100, ticks: { callback: function (v) { return v + ' %'; } } },
        y: { stacked: true }
      },
      plugins: {
        tooltip: {
          callbacks: {
            label: function (item) {
              var row = rows[item.dataIndex];
              var count = row[stages[item.datasetIndex].key];
              return item.dataset.label + ' : ' + number.format(count) + ' (' + share.format(item.parsed.x) + ' %)';
            },
            footer: function (items) { return 'Total : ' + number.format(rows[items[0].dataIndex].population); }
          }
        }
      }
    }
  });
})();
