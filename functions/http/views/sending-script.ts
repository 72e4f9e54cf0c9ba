/** Polls the dashboard's JSON every few seconds and updates the figures in place (progressive enhancement). */
export const DASHBOARD_SCRIPT = `(() => {
  const root = document.querySelector('[data-dashboard]');
  if (!root) return;
  const url = root.getAttribute('data-dashboard');
  const nf = new Intl.NumberFormat('nl-NL');
  const dtParts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
  const dt = { format: (d) => { const p = {}; for (const x of dtParts.formatToParts(d)) p[x.type] = x.value; return p.day + '-' + p.month + '-' + p.year + ' ' + p.hour + ':' + p.minute; } };
  const pf = new Intl.NumberFormat('nl-NL', { style: 'percent', maximumFractionDigits: 1 });
  const df = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 2 });
  const pct = (s) => pf.format(s);
  const eur = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR', maximumFractionDigits: 4 });
  const set = (field, text) => {
    const el = root.querySelector('[data-veld="' + field + '"]');
    if (el && el.tagName !== 'PROGRESS' && el.textContent !== text) el.textContent = text;
  };
  const update = (d) => {
    set('campaign.statusLabel', d.campaign.statusLabel);
    set('message', d.message || '');
    set('nextWindow', d.nextWindow ? 'Volgende verzendmoment: ' + dt.format(new Date(d.nextWindow)) : '');
    const bar = root.querySelector('progress[data-veld="progress.share"]');
    if (bar) bar.value = Math.round(d.progress.share * 100);
    set('progress.percent', pct(d.progress.share));
    set('progress.settled', nf.format(d.progress.settled));
    set('progress.ratePerSecond', df.format(d.progress.ratePerSecond));
    set('progress.eta', d.progress.eta ? ' · verwacht klaar: ' + dt.format(new Date(d.progress.eta)) : '');
    set('cost.soFar', eur.format(d.cost.soFar));
    const max = Math.max(1, d.funnel.approved);
    for (const key of Object.keys(d.funnel)) {
      set('funnel.' + key, nf.format(d.funnel[key]));
      const b = root.querySelector('[data-balk="funnel.' + key + '"]');
      if (b) b.style.width = Math.min(100, Math.round((d.funnel[key] / max) * 100)) + '%';
    }
    for (const v of d.variants) {
      set('variant.' + v.id + '.sends', nf.format(v.sends));
      set('variant.' + v.id + '.deliveries', nf.format(v.deliveries));
      set('variant.' + v.id + '.clicks', nf.format(v.clicks));
      set('variant.' + v.id + '.ctr', pct(v.ctr));
    }
    return d.campaign.status;
  };
  const tick = async () => {
    try {
      const res = await fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
      if (res.ok) {
        const status = update(await res.json());
        if (status === 'completed' || status === 'cancelled') return;
      }
    } catch (e) {}
    setTimeout(tick, 3000);
  };
  setTimeout(tick, 3000);
})();
`;
