import type { Hono } from 'hono';
import { route } from '../access.js';
import type { AppEnv } from '../env.js';

/**
 * Progressive enhancement of the area page, served as a file because the CSP allows no inline script: live
 * totals of the ticked streets before saving. The map and the address suggestions are `/assets/kaart.js`.
 */
export const LETTERS_SCRIPT = `(() => {
  'use strict';
  const form = document.getElementById('straten-form');
  const totals = document.getElementById('totalen');
  if (form && totals) {
    const update = () => {
      const whole = form.querySelector('input[name="modus"]:checked')?.value !== 'within_radius';
      let letters = 0, streets = 0;
      for (const box of form.querySelectorAll('input[name="straat"]:checked')) {
        streets += 1;
        letters += Number(whole ? box.dataset.street : box.dataset.within) || 0;
      }
      totals.textContent = 'Geselecteerd: ' + letters + ' brieven in ' + streets + ' straten (nog niet opgeslagen).';
    };
    form.addEventListener('change', update);
  }
})();
`;

export function letterAssetRoutes(app: Hono<AppEnv>): void {
  route(app, 'get', '/assets/wijkberichten.js', 'public', (c) =>
    c.body(LETTERS_SCRIPT, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'public, max-age=3600',
    }),
  );
}
