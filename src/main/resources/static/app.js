// The pages' one request layer: no framework, no build step. Pages work without it (forms post
// and links navigate as plain HTML); with it, every form post goes through one function that
// gives it a deadline, a spinner only when it is slow, an answer in place when it fails, safe
// retries (each submission keeps its Idempotency-Key), and a report of every slow spinner.
// Links and GET forms stay navigations, with a deadline of their own.
(function () {
  'use strict';

  /** Users give up on a click after about ten seconds; the server gives up then too. A form may say otherwise (data-deadline, ms). */
  var DEADLINE_MS = 10000;
  /** Reports and exports may take longer, and the server gives them longer too (DeadlineFilter). */
  var REPORT_DEADLINE_MS = 30000;
  /** A fast answer shows no spinner at all: most answers come within this. */
  var SPINNER_AFTER_MS = 300;
  /** A spinner visible longer than this is reported to the operators. */
  var REPORT_AFTER_MS = 1000;
  /** "Busy" answers retried by themselves before the user is asked; each waits what Retry-After says, at most RETRY_AFTER_MAX_S. */
  var BUSY_RETRIES_MAX = 3;
  var RETRY_AFTER_MAX_S = 30;
  /** Sends after a failed connection before the user is asked: a server that keeps failing is not a lost connection. */
  var RESENDS_MAX = 3;
  /** While the connection is gone, how often the layer looks whether it is back. */
  var OFFLINE_PROBE_MS = 3000;
  /** Reports go in batches: at most this many per beacon, and a batch waits at most FLUSH_MS. */
  var BEACON_BATCH_MAX = 20;
  var BEACON_FLUSH_MS = 5000;
  /** A page that produces more reports than this is broken; the rest are not sent. */
  var REPORTS_PER_PAGE_MAX = 100;
  var UNSENT_PREFIX = 'ledgerline.unsent:';
  var DONE_PREFIX = 'ledgerline.done:';

  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join('');
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
  }

  // ---- words ------------------------------------------------------------------------------------
  // The page carries its language's texts (data-texts on its body); Danish words are the fallback
  // only for a page that carries none. {0}, {1} are filled in from the arguments.
  function say(key) {
    var texts = {};
    try { texts = JSON.parse(document.body.dataset.texts || '{}'); } catch (broken) { texts = {}; }
    var value = texts['script.' + key];
    if (value === undefined) return key;
    var args = Array.prototype.slice.call(arguments, 1);
    return value.replace(/\{(\d)\}/g, function (all, i) { return args[i] !== undefined ? String(args[i]) : all; });
  }

  function storage() {
    try { return window.sessionStorage; } catch (blocked) { return null; }
  }

  // ---- spinner telemetry ----------------------------------------------------------------------
  var queued = [];
  var reported = 0;
  var flushTimer = null;
  var inFlight = [];

  function report(request, outcome) {
    if (request.reported || request.spinnerAt === null) return;
    var now = performance.now();
    if (now - request.spinnerAt < REPORT_AFTER_MS || reported >= REPORTS_PER_PAGE_MAX) return;
    request.reported = true;
    reported++;
    queued.push({ requestId: request.id, page: request.page || location.pathname, action: request.action,
                  durationMs: Math.round(now - request.startedAt), outcome: outcome });
    if (queued.length >= BEACON_BATCH_MAX) flush();
    else if (flushTimer === null) flushTimer = setTimeout(flush, BEACON_FLUSH_MS);
  }

  function flush() {
    if (flushTimer !== null) { clearTimeout(flushTimer); flushTimer = null; }
    while (queued.length) {
      var batch = queued.splice(0, BEACON_BATCH_MAX);
      var body = new Blob([JSON.stringify({ reports: batch })], { type: 'text/plain' });
      if (!navigator.sendBeacon || !navigator.sendBeacon('/telemetry/spinners', body)) return;
    }
  }

  // Leaving a page while its spinner turns is the report that matters most: the user gave up.
  window.addEventListener('pagehide', function () {
    inFlight.slice().forEach(function (request) { report(request, 'abandoned'); });
    flush();
  });
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'hidden') flush();
  });

  // ---- what the user sees ---------------------------------------------------------------------
  function newState() {
    var state = document.createElement('div');
    state.className = 'request-state';
    state.setAttribute('role', 'status');
    state.setAttribute('aria-live', 'polite');
    return state;
  }

  /** Where a form's request says how it goes: right under the form. */
  function stateOf(form) {
    var next = form.nextElementSibling;
    if (next && next.classList.contains('request-state')) return next;
    var state = newState();
    form.insertAdjacentElement('afterend', state);
    return state;
  }

  function show(form, kind, text, retry) {
    render(stateOf(form), kind, text, retry);
  }

  function render(state, kind, text, retry) {
    state.dataset.state = kind;
    state.textContent = '';
    if (kind === 'working') {
      var spinner = document.createElement('span');
      spinner.className = 'spinner';
      spinner.setAttribute('aria-hidden', 'true');
      state.appendChild(spinner);
    }
    state.appendChild(document.createTextNode(text));
    if (retry) {
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'retry';
      button.textContent = say('retry');
      button.addEventListener('click', retry);
      state.appendChild(document.createTextNode(' '));
      state.appendChild(button);
    }
    state.hidden = false;
  }

  function clear(form) {
    var next = form.nextElementSibling;
    if (next && next.classList.contains('request-state')) next.remove();
  }

  function showOffline(visible) {
    // looked up each time: a page the layer replaced has a body of its own
    var offlineBanner = document.getElementById('offline');
    if (visible && !offlineBanner) {
      offlineBanner = document.createElement('p');
      offlineBanner.className = 'offline-banner';
      offlineBanner.id = 'offline';
      offlineBanner.setAttribute('role', 'alert');
      offlineBanner.textContent = say('offlineBanner');
      document.body.insertBefore(offlineBanner, document.body.firstChild);
    } else if (!visible && offlineBanner) {
      offlineBanner.remove();
    }
  }

  // ---- waiting for the connection -------------------------------------------------------------
  var waitingForConnection = [];
  var probeTimer = null;

  function resumeWhenOnline(resend) {
    waitingForConnection.push(resend);
    showOffline(true);
    if (probeTimer === null) probeTimer = setTimeout(probe, OFFLINE_PROBE_MS);
  }

  function probe() {
    probeTimer = null;
    var controller = new AbortController();
    var timer = setTimeout(function () { controller.abort(); }, OFFLINE_PROBE_MS);
    fetch('/static/app.css', { method: 'HEAD', cache: 'no-store', signal: controller.signal })
      .then(function () { clearTimeout(timer); connectionBack(); })
      .catch(function () { clearTimeout(timer); probeTimer = setTimeout(probe, OFFLINE_PROBE_MS); });
  }

  function connectionBack() {
    if (probeTimer !== null) { clearTimeout(probeTimer); probeTimer = null; }
    showOffline(false);
    var resends = waitingForConnection.splice(0);
    resends.forEach(function (resend) { resend(); });
  }

  window.addEventListener('offline', function () { showOffline(true); });
  window.addEventListener('online', connectionBack);

  // ---- a submission -----------------------------------------------------------------------------
  function actionOf(form) {
    if (form.dataset.action) return form.dataset.action;
    if (form.id) return form.id;
    var path = new URL(form.action, location.href).pathname.replace(/\/\d+(?=\/|$)/g, '/{id}');
    return path.slice(-100);
  }

  function unsentKey(form) {
    return UNSENT_PREFIX + location.pathname + '#' + (form.id || form.getAttribute('action'));
  }

  // What the user typed survives a login: kept in this tab until the form is on the page again.
  function keepUnsent(form) {
    var store = storage();
    if (!store) return;
    var fields = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.name === 'idempotencyKey' || el.type === 'password' || el.type === 'hidden' || el.type === 'submit') return;
      fields[el.name] = el.value;
    });
    store.setItem(unsentKey(form), JSON.stringify(fields));
  }

  function restoreUnsent() {
    var store = storage();
    if (!store) return;
    document.querySelectorAll('form[method="post" i]').forEach(function (form) {
      var kept = store.getItem(unsentKey(form));
      if (kept === null) return;
      store.removeItem(unsentKey(form));
      var fields;
      try { fields = JSON.parse(kept); } catch (broken) { return; }
      Object.keys(fields).forEach(function (name) {
        var el = form.elements.namedItem(name);
        if (el && 'value' in el) el.value = fields[name];
      });
      show(form, 'restored', say('restored'));
    });
  }

  function retryAfterSeconds(response) {
    var seconds = parseInt(response.headers.get('Retry-After'), 10);
    if (!(seconds >= 1)) seconds = 1;
    return Math.min(seconds, RETRY_AFTER_MAX_S);
  }

  function replaceDocument(html) {
    var doc = new DOMParser().parseFromString(html, 'text/html');
    document.title = doc.title;
    if (doc.documentElement.lang) document.documentElement.lang = doc.documentElement.lang;
    document.body.replaceWith(doc.body);
    // a parsed document's scripts never run: the page's own (its grid, its charts) are started again, in order
    Array.prototype.forEach.call(document.body.querySelectorAll('script[src]'), function (parsed) {
      var script = document.createElement('script');
      script.src = parsed.getAttribute('src');
      script.async = false;
      parsed.replaceWith(script);
    });
    restoreUnsent();
  }

  function problemDetail(response) {
    return response.text().then(function (text) {
      try { return JSON.parse(text).detail || ''; } catch (notJson) { return ''; }
    });
  }

  function submit(form, submitter) {
    var body = new URLSearchParams(new FormData(form, submitter));
    var keyField = form.elements.namedItem('idempotencyKey');
    var key = keyField && keyField.value ? keyField.value : uuid();
    var deadline = parseInt(form.dataset.deadline, 10) || DEADLINE_MS;
    var busyRetries = 0;
    var resends = 0;
    var action = form.getAttribute('action') || location.pathname;

    function done() {
      delete form.dataset.submitting;
    }

    function attempt() {
      form.dataset.submitting = 'true';
      var request = { id: uuid(), action: actionOf(form), startedAt: performance.now(), spinnerAt: null, timedOut: false, reported: false };
      inFlight.push(request);
      var controller = new AbortController();
      var deadlineTimer = setTimeout(function () { request.timedOut = true; controller.abort(); }, deadline);
      var spinnerTimer = setTimeout(function () {
        request.spinnerAt = performance.now();
        show(form, 'working', say('working'));
      }, SPINNER_AFTER_MS);
      function end(outcome) {
        clearTimeout(deadlineTimer);
        clearTimeout(spinnerTimer);
        inFlight.splice(inFlight.indexOf(request), 1);
        report(request, outcome);
      }
      var headers = { 'Ledgerline-Request': '1', 'X-Request-Id': request.id, 'Idempotency-Key': key, 'Ledgerline-Timeout': String(deadline) };
      if (form.dataset.swap || form.dataset.append) headers['Ledgerline-Swap'] = '1';
      fetch(action, { method: 'POST', body: body, headers: headers, credentials: 'same-origin', signal: controller.signal })
        .then(function (response) {
          if (response.status === 401) {
            end('error');
            keepUnsent(form);
            location.assign('/login?next=' + encodeURIComponent(location.pathname + location.search + location.hash));
            return;
          }
          if (response.status === 503) {
            end('error');
            var seconds = retryAfterSeconds(response);
            if (busyRetries < BUSY_RETRIES_MAX) {
              busyRetries++;
              countDown(seconds);
            } else {
              done();
              show(form, 'failed', say('busyGaveUp'), retry);
            }
            return;
          }
          var type = response.headers.get('Content-Type') || '';
          // A form that adds to a list (the kassekladde's lines): the answer is the new row, or what is wrong.
          if (form.dataset.append && type.indexOf('text/html') === 0 && (response.ok || (response.status >= 400 && response.status < 500))) {
            return response.text().then(function (html) {
              end(response.ok ? 'ok' : 'error');
              done();
              if (response.ok) {
                var rows = document.createElement('tbody');
                rows.innerHTML = html;
                var target = document.querySelector(form.dataset.append);
                var added = Array.prototype.slice.call(rows.children);
                added.forEach(function (row) { target.appendChild(row); });
                clear(form);
                // the next line is a new submission with a key of its own
                if (keyField) keyField.value = uuid();
                form.dispatchEvent(new CustomEvent('ledgerline:appended', { bubbles: true, detail: { rows: added } }));
              } else {
                var state = stateOf(form);
                state.dataset.state = 'failed';
                state.innerHTML = html;
                state.hidden = false;
                form.dispatchEvent(new CustomEvent('ledgerline:refused', { bubbles: true, detail: { state: state } }));
              }
            });
          }
          if (form.dataset.swap && response.ok) {
            return response.text().then(function (html) {
              end('ok');
              done();
              var target = form.closest(form.dataset.swap);
              if (!target) { clear(form); return; }
              if (html.trim() === '') target.remove(); else target.outerHTML = html;
            });
          }
          // Our own pages: the next page after a success, or the form again with what was wrong (4xx).
          // Anything else (a 5xx, a proxy's error page) is a failure shown in place, with the same key to retry.
          if (type.indexOf('text/html') === 0 && (response.ok || (response.status >= 400 && response.status < 500))) {
            return response.text().then(function (html) {
              end(response.ok ? 'ok' : 'error');
              done();
              if (response.ok) {
                var store = storage();
                if (store) store.setItem(DONE_PREFIX + key, '1');
              }
              // A post that succeeded ends on its next page in place of the form's: Back never shows the form again.
              // (The address first: the new page finds what was typed for it by its path.)
              if (response.redirected) history.replaceState(null, '', response.url);
              replaceDocument(html);
            });
          }
          if (type.indexOf('text/html') === 0) {
            end('error');
            done();
            show(form, 'failed', say('failedUnknown', response.status), retry);
            return;
          }
          return problemDetail(response).then(function (detail) {
            end('error');
            done();
            show(form, 'failed', detail ? say('failedDetail', response.status, detail) : say('failed', response.status), retry);
          });
        })
        .catch(function () {
          if (request.timedOut) {
            end('timeout');
            done();
            show(form, 'failed', say('timedOut', Math.round(deadline / 1000)), retry);
          } else if (resends < RESENDS_MAX) {
            end('offline');
            resends++;
            show(form, 'offline', say('offline'));
            resumeWhenOnline(attempt);
          } else {
            end('offline');
            done();
            show(form, 'failed', say('serverSilent'), retry);
          }
        });
    }

    function retry() {
      if (form.dataset.submitting === 'true') return;
      busyRetries = 0;
      resends = 0;
      attempt();
    }

    function countDown(seconds) {
      show(form, 'busy', say('busyRetrying', seconds));
      if (seconds <= 1) {
        setTimeout(attempt, 1000);
        return;
      }
      setTimeout(function () { countDown(seconds - 1); }, 1000);
    }

    attempt();
  }

  // ---- links and GET forms ---------------------------------------------------------------------
  // They stay navigations (the browser shows its own progress, Back and reload work as always);
  // the layer gives them a deadline: past it the navigation is stopped and the page says so.
  var navigation = null;

  function deadlineFor(url) {
    var path = url.pathname;
    return path.indexOf('/reports/') >= 0 || path.indexOf('/exports/') >= 0 ? REPORT_DEADLINE_MS : DEADLINE_MS;
  }

  function navigationState() {
    var state = document.getElementById('navigation-state');
    if (state) return state;
    state = newState();
    state.id = 'navigation-state';
    var main = document.querySelector('main') || document.body;
    main.insertBefore(state, main.firstChild);
    return state;
  }

  function navigating(url, deadline, note, form) {
    stopWatchingNavigation();
    // a GET form's state shows under it, a link's at the top of the page
    var showHere = function (kind, text, retry) {
      render(form ? stateOf(form) : navigationState(), kind, text, retry);
    };
    // the browser's own spinner turns from the click; a stopped one is reported for the page it
    // waited for, with an id of its own ("nav-": the server joins it by user, page and time)
    var waited = { id: 'nav-' + uuid(), action: 'open', page: url.pathname, startedAt: performance.now(), spinnerAt: performance.now(), reported: false };
    navigation = {
      spinner: setTimeout(function () { showHere('working', note || say('loading')); }, SPINNER_AFTER_MS),
      deadline: setTimeout(function () {
        window.stop();
        navigation = null;
        report(waited, 'timeout');
        showHere('failed', say('pageTimedOut', Math.round(deadline / 1000)), function () {
          navigating(url, deadline, note, form);
          location.assign(url.href);
        });
      }, deadline)
    };
  }

  function stopWatchingNavigation() {
    if (!navigation) return;
    clearTimeout(navigation.spinner);
    clearTimeout(navigation.deadline);
    navigation = null;
  }

  document.addEventListener('click', function (event) {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    var link = event.target.closest && event.target.closest('a[href]');
    if (!link || link.hasAttribute('download') || (link.target && link.target !== '_self')) return;
    var url = new URL(link.href, location.href);
    if (url.origin !== location.origin || (url.pathname === location.pathname && url.search === location.search && url.hash)) return;
    navigating(url, parseInt(link.dataset.deadline, 10) || deadlineFor(url), link.dataset.waitNote, null);
  });

  // Every form post goes through the layer; a second click while the first runs is ignored
  // (the server would answer it with the first result anyway, by its key).
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!form.method) return;
    if (form.method.toLowerCase() === 'get' && !event.defaultPrevented) {
      var url = new URL(form.action, location.href);
      url.search = new URLSearchParams(new FormData(form, event.submitter)).toString();
      navigating(url, parseInt(form.dataset.deadline, 10) || deadlineFor(url), form.dataset.waitNote, form);
      return;
    }
    if (form.method.toLowerCase() !== 'post') return;
    event.preventDefault();
    if (form.dataset.submitting === 'true') return;
    // An act that is hard to undo asks first (without script the page around the form says it)
    if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) return;
    submit(form, event.submitter);
  });

  // A page brought back by Back whose form was already sent successfully is shown as it is now.
  window.addEventListener('pageshow', function (event) {
    if (!event.persisted) return;
    stopWatchingNavigation();
    var navigationShown = document.getElementById('navigation-state');
    if (navigationShown) navigationShown.remove();
    document.querySelectorAll('form[method="get" i] + .request-state').forEach(function (state) { state.remove(); });
    var store = storage();
    var stale = false;
    document.querySelectorAll('form').forEach(function (form) {
      delete form.dataset.submitting;
      var keyField = form.elements.namedItem('idempotencyKey');
      if (store && keyField && store.getItem(DONE_PREFIX + keyField.value)) stale = true;
    });
    if (stale) location.reload();
  });

  // A journal line starts with the VAT code of its account; the user may change it afterwards.
  document.addEventListener('change', function (event) {
    var input = event.target;
    if (!input.matches || !input.matches('input[data-vat-from-account]')) return;
    var option = document.querySelector('#account-list option[value="' + CSS.escape(input.value.trim()) + '"]');
    var select = input.form && input.form.elements.namedItem('vatCode');
    if (option && select) select.value = option.dataset.vat || '';
  });

  // A page that took long to come is a spinner too (the browser's own): reported with the id the
  // server gave its request, which the page carries.
  function reportSlowLoad() {
    var timing = performance.getEntriesByType && performance.getEntriesByType('navigation')[0];
    var meta = document.querySelector('meta[name="ledgerline-request-id"]');
    if (!timing || !meta || !meta.content) return;
    var waited = timing.responseEnd - timing.startTime;
    report({ id: meta.content, action: 'open', startedAt: performance.now() - waited, spinnerAt: performance.now() - waited, reported: false }, 'ok');
  }

  function ready() {
    restoreUnsent();
    reportSlowLoad();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', ready);
  else ready();

  // For tests and the curious: what the layer is waiting for right now.
  window.ledgerline = {
    inFlight: function () { return inFlight.length; },
    watchingNavigation: function () { return navigation !== null; },
    stopWatchingNavigation: stopWatchingNavigation,
    deadlineMs: DEADLINE_MS,
    text: say
  };
})();
