// the report's table: filters (post, verdict, cause) hide rows; a header's button sorts by its column
(function () {
  'use strict';
  var table = document.getElementById('entries');
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var selects = Array.prototype.slice.call(document.querySelectorAll('.filters select'));
  var shown = document.getElementById('shown');
  function filter() {
    var n = 0;
    rows.forEach(function (row) {
      var keep = selects.every(function (s) { return !s.value || row.getAttribute('data-' + s.getAttribute('data-field')) === s.value; });
      row.hidden = !keep;
      if (keep) { n += 1; }
    });
    shown.textContent = n + ' of ' + rows.length + ' entries shown';
  }
  selects.forEach(function (s) { s.addEventListener('change', filter); });
  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
  function key(row, col, type) {
    var cell = row.cells[col];
    var v = cell.getAttribute('data-sort') || cell.textContent;
    return type === 'number' ? parseFloat(v) : v.toLowerCase();
  }
  heads.forEach(function (th, col) {
    th.querySelector('button').addEventListener('click', function () {
      var up = th.getAttribute('aria-sort') !== 'ascending';
      var type = th.getAttribute('data-type');
      heads.forEach(function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', up ? 'ascending' : 'descending');
      var order = rows.map(function (row, i) { return [key(row, col, type), i, row]; });
      order.sort(function (a, b) { return (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]) * (up ? 1 : -1); });
      order.forEach(function (o) { body.appendChild(o[2]); });
    });
  });
  filter();
}());
