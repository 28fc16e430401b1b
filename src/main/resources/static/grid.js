// The kassekladde as a grid a bookkeeper flies through with the keyboard. It makes no request of its
// own: a finished line is submitted as the form it is, through the request layer (app.js), which
// appends the saved row. What is typed but not yet saved is kept in the browser until it is.
(function () {
  'use strict';

  var form = document.getElementById('add-line');
  if (!form) return;
  var text = window.ledgerline ? window.ledgerline.text : function (key) { return key; };
  var table = document.getElementById('lines');
  var body = table.tBodies[0];
  var status = document.getElementById('balance-status');
  var accounts = JSON.parse(form.dataset.accounts || '[]');
  var byNumber = {};
  accounts.forEach(function (a) { byNumber[a.number] = a; });
  var order = ['date', 'document', 'text', 'account', 'amount', 'vatCode', 'contraAccount'];
  var fields = order.map(function (name) { return form.elements.namedItem(name); });
  var draftKey = 'ledgerline.journal-draft:' + form.dataset.journal;
  /** Suggestions shown under an account field: enough to choose from, few enough to read at a glance. */
  var SUGGESTIONS_MAX = 8;

  // ---- amounts and dates as people type them ------------------------------------------------------
  /** Øre from "1.250,00", "1250,5", "-1250", "1,250.00"; null when it is not an amount or is ambiguous ("1.250"). */
  function parseAmount(text) {
    var t = (text || '').replace(/[\s\u00a0\u202f]/g, '').replace('\u2212', '-');
    if (/^-?\d{1,3}[.,]\d{3}$/.test(t)) return null;
    var m = /^(-?)(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?$/.exec(t) || /^(-?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/.exec(t);
    if (!m) return null;
    var whole = m[2].replace(/[.,]/g, '');
    var fraction = (m[3] || '').padEnd(2, '0');
    var ore = parseInt(whole, 10) * 100 + parseInt(fraction || '0', 10);
    return m[1] === '-' ? -ore : ore;
  }

  function formatAmount(ore) {
    var abs = Math.abs(ore);
    var kroner = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
    var rest = String(abs % 100).padStart(2, '0');
    return (ore < 0 ? '-' : '') + kroner + ',' + rest;
  }

  /** "10.3", "10.03.25", "10-03-2025", "100325", "2025-03-10" → "10.03.2025"; the year of the date before when left out. */
  function parseDate(text, previous) {
    var t = (text || '').trim();
    var year = previous ? previous.slice(6) : String(new Date().getFullYear());
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
    var d, mo, y;
    if (m) { y = m[1]; mo = m[2]; d = m[3]; }
    else if ((m = /^(\d{1,2})[.\-/](\d{1,2})(?:[.\-/](\d{2}|\d{4}))?$/.exec(t))) { d = m[1]; mo = m[2]; y = m[3] || year; }
    else if ((m = /^(\d{2})(\d{2})(\d{2}|\d{4})?$/.exec(t))) { d = m[1]; mo = m[2]; y = m[3] || year; }
    else return null;
    if (y.length === 2) y = '20' + y;
    var date = new Date(Date.UTC(+y, +mo - 1, +d));
    if (date.getUTCFullYear() !== +y || date.getUTCMonth() !== +mo - 1 || date.getUTCDate() !== +d) return null;
    return String(d).padStart(2, '0') + '.' + String(mo).padStart(2, '0') + '.' + y;
  }

  // ---- the row's own messages ---------------------------------------------------------------------
  function fieldError(field, message) {
    var label = field.closest('label');
    var shown = label.querySelector('.field-error');
    if (!message) {
      field.removeAttribute('aria-invalid');
      if (shown) shown.remove();
      return;
    }
    field.setAttribute('aria-invalid', 'true');
    if (!shown) {
      shown = document.createElement('span');
      shown.className = 'field-error';
      shown.setAttribute('role', 'alert');
      label.appendChild(shown);
    }
    shown.textContent = message;
  }

  function check(field) {
    var value = field.value.trim();
    if (field.name === 'date') {
      var date = parseDate(value, lastDate());
      fieldError(field, value && !date ? text('grid.notDate', value) : null);
      if (date) field.value = date;
    } else if (field.name === 'amount') {
      var ore = parseAmount(value);
      fieldError(field, value && ore === null ? text('grid.notAmount', value) : value && ore === 0 ? text('grid.zero') : null);
      if (ore) field.value = formatAmount(ore);
    } else if (field.dataset.accountField !== undefined) {
      var known = byNumber[value];
      fieldError(field, value && !known ? text('grid.unknownAccount', value) : null);
      nameOf(field).textContent = known ? known.name : '';
    } else if (field.name === 'document') {
      fieldError(field, value && !/^\d{1,9}$/.test(value) ? text('grid.documentNumber') : null);
    }
    showBalance();
  }

  function nameOf(field) {
    return field.closest('label').querySelector('.account-name');
  }

  // ---- account fields: number or name, as you type ------------------------------------------------
  function suggestions(field) {
    var list = field.closest('label').querySelector('.suggestions');
    if (!list) {
      list = document.createElement('ul');
      list.className = 'suggestions';
      list.setAttribute('role', 'listbox');
      list.hidden = true;
      field.closest('label').appendChild(list);
      field.setAttribute('aria-autocomplete', 'list');
    }
    return list;
  }

  function suggest(field) {
    var list = suggestions(field);
    var typed = field.value.trim().toLowerCase();
    list.textContent = '';
    if (!typed || byNumber[typed]) { list.hidden = true; return; }
    var found;
    if (/^\d+$/.test(typed)) {
      found = accounts.filter(function (a) { return String(a.number).indexOf(typed) === 0; });
    } else {
      // names that begin with what was typed first, then those with a word that does, then the rest that hold it
      var rank = function (a) {
        var name = a.name.toLowerCase();
        if (name.indexOf(typed) === 0) return 0;
        if ((' ' + name).indexOf(' ' + typed) >= 0) return 1;
        return name.indexOf(typed) >= 0 ? 2 : 3;
      };
      found = accounts.filter(function (a) { return rank(a) < 3; })
        .sort(function (a, b) { return rank(a) - rank(b) || a.number - b.number; });
    }
    found.slice(0, SUGGESTIONS_MAX).forEach(function (a, i) {
      var item = document.createElement('li');
      item.setAttribute('role', 'option');
      item.dataset.number = a.number;
      item.textContent = a.number + ' ' + a.name;
      if (i === 0) item.setAttribute('aria-selected', 'true');
      item.addEventListener('mousedown', function (event) { event.preventDefault(); choose(field, a.number); });
      list.appendChild(item);
    });
    list.hidden = found.length === 0;
  }

  function highlighted(field) {
    var list = suggestions(field);
    return list.hidden ? null : list.querySelector('[aria-selected="true"]');
  }

  function moveHighlight(field, step) {
    var list = suggestions(field);
    if (list.hidden) return;
    var items = Array.prototype.slice.call(list.children);
    var at = items.indexOf(highlighted(field));
    if (at >= 0) items[at].removeAttribute('aria-selected');
    items[Math.max(0, Math.min(items.length - 1, at + step))].setAttribute('aria-selected', 'true');
  }

  function choose(field, number) {
    field.value = String(number);
    suggestions(field).hidden = true;
    if (field.name === 'account') {
      var vat = form.elements.namedItem('vatCode');
      var account = byNumber[number];
      if (vat && account) vat.value = account.vat || '';
    }
    check(field);
  }

  // ---- vouchers that do not balance yet -----------------------------------------------------------
  function lastDate() {
    var rows = body.rows;
    return rows.length ? rows[rows.length - 1].cells[2].textContent.trim() : null;
  }

  /** Per voucher number, the sum of its saved lines and of the line being typed; a line with a contra account adds nothing. */
  function differences() {
    var sums = {};
    Array.prototype.forEach.call(body.rows, function (row) {
      var doc = row.dataset.document;
      if (!(doc in sums)) sums[doc] = 0;
      if (!row.dataset.contra) sums[doc] += parseInt(row.dataset.amount, 10);
    });
    var typedDoc = form.elements.namedItem('document').value.trim();
    var typed = parseAmount(form.elements.namedItem('amount').value);
    var contra = form.elements.namedItem('contraAccount').value.trim();
    if (typedDoc && typed && !contra) sums[typedDoc] = (sums[typedDoc] || 0) + typed;
    return sums;
  }

  function showBalance() {
    var sums = differences();
    var open = Object.keys(sums).filter(function (doc) { return sums[doc] !== 0; });
    Array.prototype.forEach.call(body.rows, function (row) {
      row.classList.toggle('unbalanced', open.indexOf(row.dataset.document) >= 0);
    });
    status.textContent = open.length === 0 ? (body.rows.length ? text('grid.allBalance') : '')
      : open.map(function (doc) { return text('grid.difference', doc, formatAmount(sums[doc])); }).join(' · ');
    status.dataset.open = open.join(',');
  }

  /** The voucher still open (its lines do not balance), or else the next free number. */
  function suggestedDocument() {
    var sums = differences();
    var rows = body.rows;
    if (rows.length) {
      var last = rows[rows.length - 1].dataset.document;
      if (sums[last] !== 0) return last;
    }
    var highest = 0;
    Array.prototype.forEach.call(rows, function (row) { highest = Math.max(highest, parseInt(row.dataset.document, 10)); });
    return String(highest + 1);
  }

  // ---- keeping what is typed ----------------------------------------------------------------------
  function store() {
    try { return window.localStorage; } catch (blocked) { return null; }
  }

  function keepDraft() {
    var s = store();
    if (!s) return;
    var draft = {};
    fields.forEach(function (f) { draft[f.name] = f.value; });
    s.setItem(draftKey, JSON.stringify(draft));
  }

  function restoreDraft() {
    var s = store();
    var kept = s && s.getItem(draftKey);
    if (!kept) return false;
    try {
      var draft = JSON.parse(kept);
      var typed = ['text', 'account', 'amount', 'contraAccount'].some(function (name) { return draft[name]; });
      if (!typed) return false;
      fields.forEach(function (f) { if (draft[f.name] !== undefined) f.value = draft[f.name]; });
      return true;
    } catch (broken) {
      return false;
    }
  }

  // ---- moving through the row ---------------------------------------------------------------------
  function next(field) {
    var at = fields.indexOf(field);
    if (at === fields.length - 1) {
      form.requestSubmit();
      return;
    }
    fields[at + 1].focus();
    if (fields[at + 1].select) fields[at + 1].select();
  }

  fields.forEach(function (field) {
    if (field.dataset.accountField !== undefined) {
      field.removeAttribute('list'); // our own suggestions instead of the browser's
      field.addEventListener('input', function () { suggest(field); nameOf(field).textContent = byNumber[field.value.trim()] ? byNumber[field.value.trim()].name : ''; });
    }
    field.addEventListener('keydown', function (event) {
      var isAccount = field.dataset.accountField !== undefined;
      if (isAccount && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
        event.preventDefault();
        moveHighlight(field, event.key === 'ArrowDown' ? 1 : -1);
        return;
      }
      if (isAccount && event.key === 'Escape') { suggestions(field).hidden = true; return; }
      if (isAccount && (event.key === 'Enter' || event.key === 'Tab') && !event.shiftKey) {
        var pick = highlighted(field);
        if (pick) choose(field, pick.dataset.number);
      }
      if (event.key === 'Enter' && !event.shiftKey) {
        event.preventDefault();
        check(field);
        next(field);
      }
    });
    field.addEventListener('blur', function () {
      if (field.dataset.accountField !== undefined) suggestions(field).hidden = true;
      check(field);
    });
    field.addEventListener('input', function () { keepDraft(); showBalance(); });
    field.addEventListener('change', keepDraft);
  });

  form.addEventListener('submit', function (event) {
    fields.forEach(check);
    var invalid = fields.filter(function (f) { return f.getAttribute('aria-invalid') === 'true'; });
    if (invalid.length) {
      event.preventDefault();
      event.stopImmediatePropagation();
      invalid[0].focus();
    }
  }, true);

  form.addEventListener('ledgerline:appended', function () {
    table.hidden = false;
    var empty = document.getElementById('no-lines');
    if (empty) empty.remove();
    var posting = document.getElementById('post-journal');
    if (posting) posting.hidden = false;
    ['text', 'account', 'amount', 'contraAccount'].forEach(function (name) {
      var f = form.elements.namedItem(name);
      f.value = '';
      fieldError(f, null);
      if (nameOf(f)) nameOf(f).textContent = '';
    });
    form.elements.namedItem('vatCode').value = '';
    form.elements.namedItem('document').value = suggestedDocument();
    var s = store();
    if (s) s.removeItem(draftKey);
    showBalance();
    var date = form.elements.namedItem('date');
    date.focus();
    date.select();
  });

  // a line the server refused: its reasons show on the fields they name
  form.addEventListener('ledgerline:refused', function (event) {
    event.detail.state.querySelectorAll('li[data-field]').forEach(function (item) {
      var field = form.elements.namedItem(item.dataset.field);
      if (field) fieldError(field, item.textContent.replace(/^[^:]*:\s*/, ''));
    });
    var first = form.querySelector('[aria-invalid="true"]');
    if (first) first.focus();
  });

  // the posting's answer says which vouchers it made; a draft of a line is forgotten with the kladde
  document.getElementById('post-journal') && document.getElementById('post-journal').addEventListener('submit', keepDraft);

  var restored = restoreDraft();
  if (!form.elements.namedItem('document').value) form.elements.namedItem('document').value = suggestedDocument();
  fields.forEach(function (f) { if (f.value) check(f); });
  showBalance();
  if (restored) {
    var note = document.createElement('p');
    note.className = 'notice';
    note.id = 'draft-restored';
    note.textContent = text('grid.restored');
    form.insertAdjacentElement('beforebegin', note);
  }
  form.elements.namedItem('date').focus();
  form.elements.namedItem('date').select();
})();
