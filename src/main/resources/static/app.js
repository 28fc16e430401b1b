// The pages' one small script: no framework, no build step. Pages work without it; it only
// prevents accidental double submits, fills in a VAT code, and reports failed htmx requests.
(function () {
  'use strict';

  // A stuck first submit must not lock the form for good; the server gives up on a request by then.
  var SUBMIT_LOCK_MS = 15000;

  function showWorking(visible) {
    var working = document.querySelector('.working');
    if (working) working.hidden = !visible;
  }

  function showFailure(text) {
    var main = document.querySelector('main');
    if (!main) return;
    var box = document.createElement('div');
    box.className = 'failure';
    box.setAttribute('role', 'alert');
    box.textContent = text;
    main.insertBefore(box, main.children[1] || null);
  }

  // A form posts once: a second click while the first request runs would race it. The server
  // would still post only once (the idempotency key), but the user would see the race's answer.
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (form.hasAttribute('hx-post') || form.method.toLowerCase() !== 'post') return;
    if (form.dataset.submitting === 'true') {
      event.preventDefault();
      return;
    }
    form.dataset.submitting = 'true';
    showWorking(true);
    setTimeout(function () {
      delete form.dataset.submitting;
      showWorking(false);
    }, SUBMIT_LOCK_MS);
  });

  // A page restored from the back-forward cache starts with its forms ready again.
  window.addEventListener('pageshow', function (event) {
    if (!event.persisted) return;
    document.querySelectorAll('form[data-submitting]').forEach(function (form) {
      delete form.dataset.submitting;
    });
    showWorking(false);
  });

  // A journal line starts with the VAT code of its account; the user may change it afterwards.
  document.addEventListener('change', function (event) {
    var input = event.target;
    if (!input.matches || !input.matches('input[data-vat-from-account]')) return;
    var option = document.querySelector('#account-list option[value="' + CSS.escape(input.value.trim()) + '"]');
    var select = input.form && input.form.elements.namedItem('vatCode');
    if (option && select) select.value = option.dataset.vat || '';
  });

  document.addEventListener('htmx:responseError', function (event) {
    showFailure('Det lykkedes ikke (fejl ' + event.detail.xhr.status + '). Genindlæs siden og prøv igen.');
  });

  document.addEventListener('htmx:sendError', function () {
    showFailure('Serveren svarede ikke. Tjek forbindelsen, genindlæs siden og prøv igen.');
  });
})();
