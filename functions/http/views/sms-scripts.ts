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
  // Straight to staging storage: storage keeps only ASCII fields, answers a too large file or an expired form
  // with its own English error page, and takes one file per post. So sizes and the form's age are checked
  // here first, only extensions are sent, and several files are posted one after another with their own signed
  // fields before the page goes on to have them read as one upload.
  Array.prototype.forEach.call(document.querySelectorAll('form[data-staged-upload]'), function (form) {
    var input = form.querySelector('input[type="file"]');
    var status = form.querySelector('[data-upload-status]');
    var label = form.querySelector('#u-telefoon');
    var nameField = form.querySelector('[data-file-name]');
    var more = [];
    try { more = JSON.parse(form.getAttribute('data-more-fields') || '[]'); } catch (e) { more = []; }
    var several = more.length > 0 && input && label && nameField && window.fetch && window.FormData;
    if (several) {
      input.multiple = true;
      // Several files at once come from one phone: the next upload is most likely the next phone.
      var hint = form.querySelector('[data-one-file-hint]');
      if (hint) hint.hidden = true;
      if (form.getAttribute('data-next-label')) label.value = form.getAttribute('data-next-label');
    }
    // Only the extension leaves the browser: file names often name a person.
    var extensionOnly = function (name) {
      var match = /[.]([A-Za-z0-9]{1,5})$/.exec(name);
      return 'bestand' + (match ? '.' + match[1].toLowerCase() : '');
    };
    var say = function (message, alert) {
      if (!status) return;
      if (alert) status.setAttribute('role', 'alert');
      else status.removeAttribute('role');
      status.textContent = message;
    };
    form.addEventListener('submit', function (event) {
      var files = input && input.files ? Array.prototype.slice.call(input.files) : [];
      var expiresAt = Date.parse(form.getAttribute('data-expires-at') || '');
      if (expiresAt && Date.now() > expiresAt - 60000) {
        event.preventDefault();
        say('Dit formulier was verlopen; de pagina wordt vernieuwd. Kies het bestand daarna opnieuw.');
        window.setTimeout(function () { window.location.reload(); }, 1500);
        return;
      }
      var max = Number(form.getAttribute('data-max-bytes') || '0');
      var tooLarge = files.filter(function (f) { return max > 0 && f.size > max; });
      if (tooLarge.length > 0) {
        event.preventDefault();
        say('Te groot (hoogstens ' + Math.round(max / 1048576) + ' MB): ' + tooLarge.map(function (f) { return f.name; }).join(', ') + '.', true);
        return;
      }
      if (files.length > 1 + more.length) {
        event.preventDefault();
        say('Kies hoogstens ' + (1 + more.length) + ' bestanden tegelijk.', true);
        return;
      }
      if (label && /[^\x20-\x7e]/.test(label.value)) label.value = encodeURIComponent(label.value);
      if (files.length <= 1 || !several) {
        if (nameField && files[0]) nameField.value = extensionOnly(files[0].name);
        say('Uploaden en verwerken… De nummers worden gelezen, gecontroleerd en ontdubbeld.');
        return;
      }
      event.preventDefault();
      var button = form.querySelector('button[type="submit"]');
      if (button) button.disabled = true;
      var own = {};
      Array.prototype.forEach.call(form.querySelectorAll('input[type="hidden"]'), function (field) {
        if (field !== nameField) own[field.name] = field.value;
      });
      var sets = [own].concat(more);
      var keys = [];
      var post = function (i) {
        if (i === files.length) {
          say('Verwerken… De nummers worden gelezen, gecontroleerd en ontdubbeld.');
          window.location.assign(form.getAttribute('data-process-url') + '?' + keys.map(function (k) {
            return 'key=' + encodeURIComponent(k);
          }).join('&'));
          return;
        }
        var data = new FormData();
        Object.keys(sets[i]).forEach(function (k) { data.append(k, sets[i][k]); });
        data.append(label.name, label.value);
        data.append(nameField.name, extensionOnly(files[i].name));
        data.append(input.name, files[i]);
        say('Bestand ' + (i + 1) + ' van ' + files.length + ' uploaden…');
        window.fetch(form.action, { method: 'POST', body: data, redirect: 'manual', credentials: 'omit' })
          .then(function (response) {
            if (response.type !== 'opaqueredirect' && !response.ok) throw new Error('refused');
            keys.push(sets[i].key);
            post(i + 1);
          })
          .catch(function () {
            if (button) button.disabled = false;
            say('Het uploaden van ' + files[i].name + ' is mislukt. Probeer het opnieuw.', true);
          });
      };
      post(0);
    });
  });
})();
`;
