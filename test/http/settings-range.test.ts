import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSettings } from '../../functions/app/settings.js';
import { RETENTION_DAYS } from '../../functions/core/settings/settings.schema.js';
import { Client, type Harness, startHarness } from './harness.js';

describe('settings: a value out of range names the allowed range beside its field', () => {
  let h: Harness;
  let admin: Client;
  beforeAll(async () => {
    h = await startHarness();
    admin = new Client(h.app);
    await admin.login('admin');
  });
  afterAll(async () => h.close());

  async function formWith(retentionDays: string): Promise<Record<string, string>> {
    const s = await getSettings(h.deps);
    return {
      municipality: s.municipality,
      primaryColor: s.primaryColor,
      senderLine: s.senderLine,
      signatureTitle: s.signatureTitle,
      generalContact: s.generalContact,
      allowedLinkDomains: s.allowedLinkDomains.join(', '),
      maxRatePerSecond: String(s.maxRatePerSecond),
      frequencyCapDays: String(s.frequencyCapDays),
      approvalValidityDays: String(s.approvalValidityDays),
      retentionDays,
      maxRadiusMetres: String(s.maxRadiusMetres),
      pricePerSegmentEur: String(s.pricePerSegmentEur),
    };
  }

  it.each(['120', '0', '12,5'])(
    'refuses a retention of %s days, states 1 to 90 and keeps the typed value',
    async (typed) => {
      const before = (await getSettings(h.deps)).retentionDays;
      const res = await admin.post('/beheer/instellingen', await formWith(typed));
      expect(res.status).toBe(422);
      const html = await res.text();
      const range = `van ${RETENTION_DAYS.min} tot en met ${RETENTION_DAYS.max}`;
      const beside = /<p[^>]*id="s-retentionDays-fout"[^>]*>([\s\S]*?)<\/p>/.exec(html)?.[1] ?? '';
      expect(beside).toContain(range);
      expect(html).toMatch(/<a class="utrecht-link" href="#s-retentionDays">[^<]*van 1 tot en met 90/);
      expect(html).toMatch(/<input[^>]*id="s-retentionDays"[^>]*aria-invalid="true"/);
      expect(html).toMatch(new RegExp(`<input[^>]*id="s-retentionDays"[^>]*value="${typed}"`));
      expect((await getSettings(h.deps)).retentionDays).toBe(before);
    },
  );

  it('still saves a retention inside the range', async () => {
    const res = await admin.post('/beheer/instellingen', await formWith(String(RETENTION_DAYS.max)));
    expect(res.status).toBe(200);
    expect((await getSettings(h.deps)).retentionDays).toBe(RETENTION_DAYS.max);
  });
});
