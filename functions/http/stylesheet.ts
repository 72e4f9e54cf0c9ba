import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { AUDIT_CSS } from './views/audit-table.js';
import { FORM_ERRORS_CSS } from './views/form-errors.js';

const require = createRequire(import.meta.url);

/** The app's own rules on top of the NL Design System: layout, focus, cards, masked numbers. */
export const APP_CSS = `
.results-table td.number { text-align: right; font-variant-numeric: tabular-nums; }
.utrecht-table .number { text-align: right; font-variant-numeric: tabular-nums; }
.chart-figure { margin: 1rem 0; } .chart-figure svg { max-width: 100%; height: auto; }
.timeline li { margin-bottom: .25rem; }
:root { --perspectief-primary: #c4001a; }
body.utrecht-body { margin: 0; }
.skip-link { position: absolute; left: -9999px; top: 0; padding: .5rem 1rem; background: #fff; z-index: 10; }
.skip-link:focus { left: 1rem; top: 1rem; outline: 3px solid #000; }
:focus-visible { outline: 3px solid #0b0c0c; outline-offset: 2px; box-shadow: 0 0 0 5px #ffdd00; }
.page-header { background: var(--perspectief-primary); color: #fff; }
.page-header__inner { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; gap: 1rem; max-width: 72rem; margin: 0 auto; padding: .75rem 1rem; }
.page-header__brand { color: #fff; font-weight: 700; font-size: 1.25rem; text-decoration: none; display: flex; gap: .75rem; align-items: center; }
.page-header__municipality { font-weight: 400; margin-left: .5rem; }
.page-header__user { display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; }
.page-header__user .muted { color: #fff; opacity: 1; }
.page-header .utrecht-button--subtle { color: #fff; border: 1px solid #fff; background: transparent; }
.page-nav { background: #fff; border-bottom: 1px solid #ccc; }
.page-nav__list { display: flex; flex-wrap: wrap; gap: 0; list-style: none; margin: 0 auto; padding: 0 1rem; max-width: 72rem; }
.page-nav__link { display: block; padding: .75rem 1rem; color: #0b0c0c; text-decoration: none; border-bottom: 4px solid transparent; }
.page-nav__link[aria-current="page"] { border-bottom-color: var(--perspectief-primary); font-weight: 700; }
.page-nav__link:hover { text-decoration: underline; }
.page-main { max-width: 72rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
.page-footer { border-top: 1px solid #ccc; padding: 1rem; max-width: 72rem; margin: 0 auto; color: #333; }
.narrow { max-width: 28rem; }
.inline-form { display: inline; margin: 0; }
.muted { color: #555; }
.card { border: 1px solid #ccc; border-radius: 4px; padding: 1rem; margin-block: 1rem; background: #fff; }
.dashboard-role { margin-block-end: 2rem; }
.utrecht-form-field { margin-block-end: 1rem; }
.utrecht-form-label { display: block; font-weight: 700; margin-block-end: .25rem; }
.utrecht-textbox, .utrecht-select, .utrecht-textarea { width: 100%; max-width: 32rem; box-sizing: border-box; }
.utrecht-table { border-collapse: collapse; width: 100%; }
.utrecht-table th, .utrecht-table td { text-align: left; padding: .5rem; border-bottom: 1px solid #ccc; vertical-align: top; }
.actions { display: flex; gap: .5rem; flex-wrap: wrap; align-items: center; }
.masked { font-family: ui-monospace, monospace; white-space: nowrap; }
.error-page code { font-size: 1rem; }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.filters { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-end; }
.details { font-size: .85rem; word-break: break-all; }

.letter-steps ol { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; padding-left: 1.25rem; }
.letter-steps a[aria-current="page"] { font-weight: 700; }
.area-map { display: block; max-width: 100%; height: auto; border: 1px solid #888; }
.map-legend { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; list-style: none; padding: 0; }
.map-legend__swatch { display: inline-block; width: 1rem; height: 1rem; margin-right: .4rem; vertical-align: middle; border-radius: 50%; }
.facts dt { font-weight: 700; } .facts dd { margin: 0 0 .5rem; }
.round-streets { list-style: none; padding: 0; }
.round-street { border: 1px solid #ccc; border-left: 8px solid #b45f06; border-radius: 4px; padding: .75rem 1rem; margin-block: 1rem; }
.round-street--delivered { border-left-color: #1e7b34; }
.round-street--problem { border-left-color: #c4001a; }
.round-street .utrecht-button.big-button { display: block; box-sizing: border-box; inline-size: 100%; max-inline-size: none; width: 100%; min-block-size: 3.5rem; font-size: 1.25rem; }
.notes { margin: .25rem 0; }
.funnel__count { text-align: right; white-space: nowrap; }
.funnel__bar-cell { width: 50%; }
.funnel__bar { display: block; height: 1.25rem; background: var(--perspectief-primary); min-width: 2px; }
.status-badge { display: inline-block; padding: 0 .5rem; border: 1px solid #0b0c0c; border-radius: 3px; font-weight: 700; }
.status-badge--approved { background: #d8f0dc; }
.status-badge--rejected { background: #fbe0e0; }
.status-badge--ready_for_approval { background: #fff4c2; }
.phone-preview { max-width: 20rem; margin: .75rem 0; padding: .75rem; border: 1px solid #767676; border-radius: 1rem; background: #f3f3f3; }
.phone-preview__sender { font-weight: 700; margin-bottom: .5rem; }
.phone-preview__bubble { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0; padding: .75rem; border-radius: .75rem; background: #fff; }
.issue--error { color: #a4000f; font-weight: 700; }
.issue--warning { color: #6b4a00; }
.issue--ok { color: #1e5a27; }
.fingerprint { word-break: break-all; font-family: ui-monospace, monospace; }
.variant { border: 1px solid #ccc; padding: 1rem; margin-block-end: 1rem; }
.request-facts dt { font-weight: 700; margin-top: .5rem; }
.request-facts dd { margin-left: 0; }
@media print { .page-header, .page-nav, .page-footer, .skip-link { display: none; } }
`;

export const STYLESHEET_SOURCES = {
  'theme.css': '@utrecht/design-tokens/dist/theme.css',
  'components.css': '@utrecht/component-library-css/dist/index.css',
} as const;

/**
 * Reads the NL Design System CSS once, at start-up, and appends the app's rules: from node_modules locally,
 * or from `dir` in a Lambda bundle, where the CDK copies the same two files.
 */
export function loadStylesheet(dir?: string): string {
  const read = (name: keyof typeof STYLESHEET_SOURCES) =>
    readFileSync(dir ? join(dir, name) : require.resolve(STYLESHEET_SOURCES[name]), 'utf8');
  return `${read('theme.css')}\n${read('components.css')}\n${APP_CSS}\n${FORM_ERRORS_CSS}\n${AUDIT_CSS}`;
}
