/**
 * Progressive enhancement for the SMS campaign page, served as `/assets/*.js` (the CSP allows only
 * same-origin scripts). Every action also works without them: the forms post and the server re-renders.
 */

/** Live variant feedback: posts the texts to the JSON endpoint while typing, applies one-click replacements. */
export const VARIANTS_JS = `(function () {
  'use strict';
  var form = document.querySelector('form[data-variants]');
  if (!form) return;
  var url = form.getAttribute('data-analyse-url');
  var meta = document.querySelector('meta[name="csrf-token"]');
  var token = meta ? meta.getAttribute('content') : '';
  var suggested = {};
  var timer = null;
  var field = function (i, name) { return form.querySelector('[name="variant-' + i + '-' + name + '"]'); };
  function collect() {
    var out = [];
    for (var i = 0; field(i, 'text'); i++) {
      out.push({ id: field(i, 'id').value, label: field(i, 'label') ? field(i, 'label').value : '', text: field(i, 'text').value });
    }
    return out;
  }
  function analyse() {
    fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': token },
      body: JSON.stringify({ variants: collect() })
    }).then(function (r) { return r.ok ? r.json() : null; }).then(function (data) {
      if (!data) return;
      data.variants.forEach(function (v, i) {
        var el = document.getElementById('feedback-' + i);
        if (el) el.outerHTML = v.html;
        suggested[i] = v.suggested;
      });
      var estimate = document.getElementById('kostenraming');
      if (estimate && data.estimateHtml) estimate.outerHTML = data.estimateHtml;
    }).catch(function () {});
  }
  form.addEventListener('input', function (event) {
    var tag = event.target && event.target.tagName;
    if (tag !== 'TEXTAREA' && tag !== 'INPUT') return;
    clearTimeout(timer);
    timer = setTimeout(analyse, 250);
  });
  form.addEventListener('click', function (event) {
    var button = event.target.closest ? event.target.closest('[data-replace]') : null;
    if (!button) return;
    var i = button.getAttribute('data-replace');
    if (suggested[i] === undefined) return;
    event.preventDefault();
    var text = field(i, 'text');
    text.value = suggested[i];
    text.focus();
    analyse();
  });
  analyse();
})();
`;

/** Upload with a progress bar, then a clear "verwerken…" state while the server reads the files. */
export const UPLOAD_JS = `(function () {
  'use strict';
  var meta = document.querySelector('meta[name="csrf-token"]');
  var token = meta ? meta.getAttribute('content') : '';
  Array.prototype.forEach.call(document.querySelectorAll('form[data-upload]'), function (form) {
    form.addEventListener('submit', function (event) {
      if (!window.FormData || !window.XMLHttpRequest) return;
      event.preventDefault();
      var progress = form.querySelector('progress');
      var status = form.querySelector('[data-upload-status]');
      var button = form.querySelector('button[type="submit"]');
      var xhr = new XMLHttpRequest();
      xhr.open('POST', form.action);
      xhr.setRequestHeader('accept', 'application/json');
      xhr.setRequestHeader('x-csrf-token', token);
      progress.hidden = false;
      progress.value = 0;
      button.disabled = true;
      status.removeAttribute('role');
      status.textContent = 'Uploaden…';
      xhr.upload.onprogress = function (e) {
        if (!e.lengthComputable) return;
        progress.value = Math.round((e.loaded / e.total) * 100);
        status.textContent = 'Uploaden: ' + progress.value + '%';
      };
      xhr.upload.onload = function () {
        progress.removeAttribute('value');
        status.textContent = 'Verwerken… De nummers worden gelezen, gecontroleerd en ontdubbeld.';
      };
      var fail = function (message) {
        button.disabled = false;
        progress.hidden = true;
        status.setAttribute('role', 'alert');
        status.textContent = message || 'De upload is mislukt. Probeer het opnieuw.';
      };
      xhr.onload = function () {
        var data = null;
        try { data = JSON.parse(xhr.responseText); } catch (e) { data = null; }
        if (xhr.status >= 200 && xhr.status < 300 && data && data.redirect) {
          var target = new URL(data.redirect, window.location.href);
          if (target.pathname + target.search === window.location.pathname + window.location.search) {
            window.location.hash = target.hash;
            window.location.reload();
          } else {
            window.location.assign(target.href);
          }
          return;
        }
        fail(data && data.error && data.error.message);
      };
      xhr.onerror = function () { fail('De verbinding is verbroken tijdens het uploaden.'); };
      xhr.send(new FormData(form));
    });
  });
  // Straight to staging storage: storage keeps only ASCII fields, and answers a too large file with its own
  // English error page, so the name is encoded and the size is checked here first.
  Array.prototype.forEach.call(document.querySelectorAll('form[data-staged-upload]'), function (form) {
    form.addEventListener('submit', function (event) {
      var input = form.querySelector('input[type="file"]');
      var file = input && input.files && input.files[0];
      var status = form.querySelector('[data-upload-status]');
      var expiresAt = Date.parse(form.getAttribute('data-expires-at') || '');
      if (expiresAt && Date.now() > expiresAt - 60000) {
        // Storage would refuse the expired form with its own English error page: get a fresh one instead.
        event.preventDefault();
        if (status) status.textContent = 'Dit formulier was verlopen; de pagina wordt vernieuwd. Kies het bestand daarna opnieuw.';
        window.setTimeout(function () { window.location.reload(); }, 1500);
        return;
      }
      var max = Number(form.getAttribute('data-max-bytes') || '0');
      if (file && max > 0 && file.size > max) {
        event.preventDefault();
        if (status) {
          status.setAttribute('role', 'alert');
          status.textContent = 'Dit bestand is te groot: hoogstens ' + Math.round(max / 1048576) + ' MB.';
        }
        return;
      }
      var name = form.querySelector('[data-file-name]');
      if (name && file) name.value = encodeURIComponent(file.name);
      var label = form.querySelector('#u-telefoon');
      if (label && /[^\x20-\x7e]/.test(label.value)) label.value = encodeURIComponent(label.value);
      if (status) status.textContent = 'Uploaden en verwerken… De nummers worden gelezen, gecontroleerd en ontdubbeld.';
    });
  });
})();
`;
