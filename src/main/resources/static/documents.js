// Files dropped on a drop zone, or chosen: a voucher's documents, or a received e-invoice. Each is sent
// as the request's body, under its own type, with an idempotency key; the page then shows what was
// kept, or goes to the draft an e-invoice became (the answer's location). Each
// upload has a deadline, so a stalled network ends in a message, never in a spinner.
(function () {
  'use strict';
  const UPLOAD_DEADLINE_MS = 60000;
  const zone = document.getElementById('document-drop');
  if (!zone || zone.dataset.ready) return;
  zone.dataset.ready = '1';
  const status = document.getElementById('document-status');
  const input = document.getElementById('document-file');
  // The page's own words (data-texts on its body), as app.js reads them.
  function say(key) {
    let texts = {};
    try { texts = JSON.parse(document.body.dataset.texts || '{}'); } catch (broken) { texts = {}; }
    return texts['script.' + key] || key;
  }
  // crypto.randomUUID exists on https and localhost only; random bytes exist everywhere.
  function key() {
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = Array.from(b, x => x.toString(16).padStart(2, '0')).join('');
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
  }

  async function send(file) {
    status.textContent = say('documents.sending') + ' ' + file.name + ' …';
    const url = zone.dataset.upload + '?fileName=' + encodeURIComponent(file.name);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {'Content-Type': file.type || 'application/octet-stream', 'Idempotency-Key': key()},
        body: file,
        credentials: 'same-origin',
        signal: AbortSignal.timeout(UPLOAD_DEADLINE_MS)
      });
      const answer = await response.json().catch(() => ({}));
      status.textContent = answer.message || (file.name + ': ' + response.status);
      if (response.ok && answer.location) setTimeout(() => window.location.assign(answer.location), 600);
      return response.ok && !answer.location;
    } catch (e) {
      status.textContent = file.name + ': ' + (e.name === 'TimeoutError' ? say('documents.timedOut') : say('documents.offline'));
      return false;
    }
  }

  async function sendAll(files) {
    let any = false;
    for (const file of files) any = (await send(file)) || any;
    if (any) setTimeout(() => window.location.reload(), 600);
  }

  zone.addEventListener('dragover', e => { e.preventDefault(); zone.classList.add('dragging'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
  zone.addEventListener('drop', e => {
    e.preventDefault();
    zone.classList.remove('dragging');
    if (e.dataTransfer && e.dataTransfer.files.length) sendAll(Array.from(e.dataTransfer.files));
  });
  input.addEventListener('change', () => { if (input.files.length) sendAll(Array.from(input.files)); });
})();
