import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { route } from '../access.js';
import type { AppEnv } from '../env.js';

const require = createRequire(import.meta.url);

/** The only host outside our own origin a page may load from: PDOK's map tiles (CSP `img-src`). */
export const PDOK_TILE_ORIGIN = 'https://service.pdok.nl';
/** The BRT-Achtergrondkaart, grey variant, in Web Mercator (EPSG:3857), as XYZ tiles of the WMTS. */
export const PDOK_TILE_URL = `${PDOK_TILE_ORIGIN}/brt/achtergrondkaart/wmts/v2_0/grijs/EPSG:3857/{z}/{x}/{y}.png`;

export const MAP_ASSET_SOURCES = {
  'leaflet.js': 'leaflet/dist/leaflet.js',
  'leaflet.css': 'leaflet/dist/leaflet.css',
} as const;

export interface MapAssets {
  js: string;
  css: string;
}

/**
 * Reads Leaflet once: from node_modules locally, or from `dir` in a Lambda bundle, where the CDK copies the
 * same two files beside the stylesheet. Served from our own origin, so the CSP needs no script host.
 */
export function loadMapAssets(dir?: string): MapAssets {
  const read = (name: keyof typeof MAP_ASSET_SOURCES) =>
    readFileSync(dir ? join(dir, name) : require.resolve(MAP_ASSET_SOURCES[name]), 'utf8');
  return { js: read('leaflet.js'), css: `${read('leaflet.css')}\n${MAP_CSS}` };
}

const MAP_CSS = `
.leaflet-map { height: 32rem; max-width: 100%; border: 1px solid #888; }
.leaflet-tooltip.street-name { background: rgba(255,255,255,.85); border: 0; box-shadow: none; padding: 0 .25rem; font-weight: 700; color: #0b0c0c; }
.leaflet-tooltip.street-name::before { display: none; }
.leaflet-container a { color: #0b5394; }
.suggestions { list-style: none; padding: 0; margin: .25rem 0 0; max-width: 32rem; border: 1px solid #767676; }
.suggestions .suggestion { display: block; width: 100%; text-align: left; border: 0; border-bottom: 1px solid #ddd; }
`;

/**
 * The interactive map on the area page, on top of the server-rendered SVG that stays for pages without
 * JavaScript or without network: Leaflet over the PDOK base map, the streets as lines with their names,
 * a click on a street ticks it on or off in the form, a click elsewhere puts a location in the focused (or
 * first empty) location field, and the address search shows suggestions that move the location.
 */
export const MAP_SCRIPT = `(() => {
  'use strict';
  const dataNode = document.getElementById('kaart-gegevens');
  const holder = document.getElementById('kaart-interactief');
  if (!dataNode || !holder) return;
  const data = JSON.parse(dataNode.textContent || '{}');
  const inputs = [...document.querySelectorAll('input[data-suggest]')];
  const announce = (text) => { const live = document.getElementById('kaart-melding'); if (live) live.textContent = text; };
  let focused = null;
  for (const input of inputs) input.addEventListener('focus', () => { focused = input; });
  const target = () => focused || inputs.find((i) => i.value.trim() === '') || inputs[0];
  const fmt = (p) => p.lat.toFixed(6) + ', ' + p.lon.toFixed(6);

  let map = null;
  const placed = new Map();
  const radius = () => Number(document.getElementById('straal')?.value) || data.radius || 100;
  const place = (input, point, label) => {
    if (!input) return;
    input.value = label || fmt(point);
    const n = inputs.indexOf(input) + 1;
    if (map) {
      placed.get(input)?.forEach((layer) => layer.remove());
      const at = [point.lat, point.lon];
      placed.set(input, [
        L.circle(at, { radius: radius(), color: '#c4001a', weight: 2, dashArray: '6 4', fill: false, interactive: false }).addTo(map),
        L.circleMarker(at, { radius: 8, color: '#fff', weight: 2, fillColor: '#c4001a', fillOpacity: 1, interactive: false }).addTo(map),
      ]);
      map.panTo(at);
    }
    holder.dataset.locatie = fmt(point);
    announce('Locatie ' + n + ' staat op de kaart (' + fmt(point) + '). Kies "Straten zoeken" om de straten te vinden.');
  };

  if (window.L) {
    holder.hidden = false;
    const svgForm = document.getElementById('kaart-svg');
    if (svgForm) svgForm.hidden = true;
    map = L.map(holder, { zoomControl: false });
    L.control.zoom({ zoomInTitle: 'Inzoomen', zoomOutTitle: 'Uitzoomen' }).addTo(map);
    map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
    // The view first: Leaflet draws a layer only once the map has one.
    if (data.points && data.points.length > 0) {
      const bounds = L.latLngBounds(data.points.map((p) => [p.lat, p.lon]));
      for (const s of data.streets || []) for (const seg of s.segments) for (const q of seg) bounds.extend(q);
      map.fitBounds(bounds.pad(0.1));
    } else {
      map.setView([data.centre.lat, data.centre.lon], data.zoom);
    }
    L.tileLayer(data.tiles, {
      minZoom: 7, maxZoom: 19,
      attribution: 'Achtergrond: <a href="https://www.pdok.nl">PDOK</a> BRT-Achtergrondkaart, Kadaster',
    }).addTo(map);
    for (const a of data.addresses || []) {
      L.circleMarker([a[0], a[1]], { radius: 3, stroke: false, fillColor: a[2] ? '#0b5394' : '#767676', fillOpacity: 0.9, interactive: false }).addTo(map);
    }
    const form = document.getElementById('straten-form');
    const boxFor = (value) => form && [...form.querySelectorAll('input[name="straat"]')].find((b) => b.value === value);
    const lines = [];
    for (const s of data.streets || []) {
      const box = s.value ? boxFor(s.value) : undefined;
      const line = L.polyline(s.segments, { weight: 8, opacity: 0.6, lineCap: 'round', className: 'straat-lijn' }).addTo(map);
      line.getElement?.()?.setAttribute('data-straat', s.name);
      const style = () => line.setStyle({ color: box && box.checked ? '#0b5394' : '#767676' });
      style();
      lines.push(style);
      L.tooltip({ permanent: true, direction: 'center', className: 'street-name' })
        .setLatLng(s.label)
        .setContent(Object.assign(document.createElement('span'), { textContent: s.name }))
        .addTo(map);
      line.on('click', (event) => {
        if (!box) return;
        L.DomEvent.stopPropagation(event);
        box.checked = !box.checked;
        box.dispatchEvent(new Event('change', { bubbles: true }));
        announce(s.name + (box.checked ? ' is aangevinkt.' : ' is uitgevinkt.') + ' Kies "Straatkeuze opslaan" om dit te bewaren.');
      });
    }
    form?.addEventListener('change', () => lines.forEach((style) => style()));
    for (const p of data.points || []) {
      L.circle([p.lat, p.lon], { radius: data.radius, color: '#c4001a', weight: 2, dashArray: '6 4', fill: false, interactive: false }).addTo(map);
      L.circleMarker([p.lat, p.lon], { radius: 8, color: '#fff', weight: 2, fillColor: '#c4001a', fillOpacity: 1, interactive: false }).addTo(map);
    }
    map.on('click', (event) => place(target(), { lat: event.latlng.lat, lon: event.latlng.lng }));
  }

  let timer = 0;
  for (const input of inputs) {
    const list = document.createElement('ul');
    list.className = 'suggestions';
    list.id = input.id + '-suggesties';
    list.hidden = true;
    list.setAttribute('aria-label', 'Gevonden adressen');
    input.insertAdjacentElement('afterend', list);
    input.setAttribute('aria-controls', list.id);
    const choose = async (s) => {
      list.hidden = true;
      let point = typeof s.lat === 'number' ? { lat: s.lat, lon: s.lon } : null;
      if (!point) {
        try {
          const res = await fetch(input.dataset.suggest + '?id=' + encodeURIComponent(s.id), { headers: { accept: 'application/json' } });
          point = res.ok ? (await res.json()).point : null;
        } catch (e) { point = null; }
      }
      if (point) place(input, point, s.label); else input.value = s.label;
      input.focus();
    };
    input.addEventListener('input', () => {
      clearTimeout(timer);
      const q = input.value.trim();
      if (q.length < 3) { list.hidden = true; return; }
      timer = setTimeout(async () => {
        try {
          const res = await fetch(input.dataset.suggest + '?q=' + encodeURIComponent(q), { headers: { accept: 'application/json' } });
          if (!res.ok) return;
          const found = (await res.json()).suggestions;
          list.replaceChildren(...found.map((s) => {
            const item = document.createElement('li');
            const button = document.createElement('button');
            button.type = 'button';
            button.className = 'utrecht-button utrecht-button--subtle suggestion';
            button.textContent = s.label;
            button.addEventListener('click', () => choose(s));
            item.append(button);
            return item;
          }));
          list.hidden = found.length === 0;
          announce(found.length === 0 ? 'Geen adressen gevonden.' : found.length + ' adressen gevonden.');
        } catch (e) { /* offline: the form geocodes on submit */ }
      }, 200);
    });
  }
})();
`;

/** Leaflet and the map script, as files from our own origin (the CSP admits no inline or foreign script). */
export function mapAssetRoutes(app: Hono<AppEnv>, load: () => MapAssets): void {
  let assets: MapAssets | undefined;
  const get = () => {
    assets ??= load();
    return assets;
  };
  const cache = 'public, max-age=3600';
  route(app, 'get', '/assets/leaflet.js', 'public', (c) =>
    c.body(get().js, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': cache }),
  );
  route(app, 'get', '/assets/leaflet.css', 'public', (c) =>
    c.body(get().css, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': cache }),
  );
  route(app, 'get', '/assets/kaart.js', 'public', (c) =>
    c.body(MAP_SCRIPT, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': cache }),
  );
}
