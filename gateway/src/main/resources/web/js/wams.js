// Progressive enhancement only: every form works without this file.
// The BSN 11-test as you type: says so next to the field (the server checks again on submit).
(function () {
  'use strict';
  function valid(bsn) {
    if (!/^[0-9]{9}$/.test(bsn)) { return false; }
    var sum = 0;
    for (var i = 0; i < 8; i++) { sum += (9 - i) * Number(bsn.charAt(i)); }
    sum -= Number(bsn.charAt(8));
    return sum % 11 === 0;
  }
  function check(input) {
    var status = document.getElementById(input.getAttribute('aria-describedby').split(' ')[0]);
    var value = input.value.trim();
    if (!status) { return; }
    if (value.length === 0) { status.textContent = ''; input.removeAttribute('aria-invalid'); return; }
    if (value.length < 9) { status.textContent = ''; return; }
    var ok = valid(value);
    status.textContent = ok ? 'BSN klopt (elfproef).' : 'Dit BSN klopt niet (elfproef).';
    status.className = 'bsn-status ' + (ok ? 'goed' : 'fout');
    input.setAttribute('aria-invalid', ok ? 'false' : 'true');
  }
  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('input.bsn').forEach(function (input) {
      input.addEventListener('input', function () { check(input); });
    });
    var summary = document.getElementById('foutoverzicht');
    if (summary) { summary.focus(); }
  });
})();
