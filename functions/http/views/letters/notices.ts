/** The confirmation a letter page shows after a form succeeded, by the `klaar` value of its redirect. */
const STATUS_NOTICES: Record<string, string> = {
  goedgekeurd: 'Het wijkbericht is goedgekeurd. De brieven kunnen nu gemaakt worden.',
  afgewezen: 'Het wijkbericht is afgewezen; de voorbereider ziet uw reden.',
  gebied: 'Het gebied is opgeslagen.',
  straten: 'De straatkeuze is opgeslagen.',
  aangeboden: 'Het wijkbericht is ter goedkeuring aangeboden.',
  tekst: 'De brieftekst is opgeslagen.',
  'tekst-ongeldig':
    'De brieftekst is opgeslagen. De eerdere goedkeuring is daardoor ongeldig: bied het wijkbericht opnieuw ter goedkeuring aan.',
  gemaakt: 'De brieven zijn gemaakt.',
  ronde: 'De bezorgronde is gepland.',
};

export function letterNotice(klaar: string | undefined): string | undefined {
  return STATUS_NOTICES[klaar ?? ''];
}
