import { readdirSync, readFileSync } from 'node:fs';
import { findPhoneNumbersInText } from 'libphonenumber-js';
import { describe, expect, it } from 'vitest';
import {
  analyseSmsText,
  analyseVariantText,
  BLUEPRINT_LINK_LENGTH,
  type Blueprint,
  BlueprintSchema,
  CampaignSchema,
  createCampaign,
  LETTER_MERGE_FIELDS,
  renderSmsText,
  SmsBlueprintSchema,
} from '../../functions/core/campaigns/index.js';

const DIR = new URL('../../campaigns/', import.meta.url);
const FILES = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();

function load(file: string): Blueprint {
  return BlueprintSchema.parse(JSON.parse(readFileSync(new URL(file, DIR), 'utf8')));
}

describe('campaign blueprints', () => {
  it('ship the four required blueprints', () => {
    // Act
    const titles = FILES.map((f) => load(f).title);

    // Assess
    expect(titles).toEqual(
      expect.arrayContaining([
        'SMS-bom na arrestaties straathandel',
        'SMS-bom uitgaansleven/festival',
        'Wijkbericht na arrestaties',
        'Wijkbericht na sluiting drugspand (Damocles)',
      ]),
    );
  });

  for (const file of FILES) {
    describe(file, () => {
      it('is valid and named after its id', () => {
        // Act
        const result = BlueprintSchema.safeParse(JSON.parse(readFileSync(new URL(file, DIR), 'utf8')));

        // Assess
        expect(result.error?.issues ?? []).toEqual([]);
        expect(`${result.data?.id}.json`).toBe(file);
      });

      it('uses a placeholder help site on an example domain, over https', () => {
        // Act
        const blueprint = load(file);
        const host = new URL(blueprint.helpLink).hostname;

        // Assess
        expect(blueprint.helpLink.startsWith('https://')).toBe(true);
        expect(host.endsWith('.example.nl')).toBe(true);
      });

      it('prints no phone number except generic public lines', () => {
        // Prepare
        const blueprint = load(file);
        const texts =
          blueprint.kind === 'sms'
            ? blueprint.variants.map((v) => v.text)
            : [blueprint.letter.subject, ...blueprint.letter.paragraphs];

        // Act
        const numbers = texts.flatMap((t) =>
          findPhoneNumbersInText(t, 'NL').map((m) => m.number.nationalNumber),
        );

        // Assess
        for (const n of numbers)
          expect(['8007000', '9008844'].includes(n) || /^14\d{2,4}$/.test(n)).toBe(true);
      });

      it('becomes a draft campaign that parses', () => {
        // Prepare
        const blueprint = load(file);
        const actor = { userId: 'u-1', username: 'adviseur', roles: ['adviser' as const] };

        // Act
        const { campaign, events } = createCampaign({
          id: 'c-1',
          caseId: 'case-1',
          name: 'Bazooka',
          blueprint,
          actor,
          now: new Date('2026-03-02T08:00:00Z'),
        });

        // Assess
        expect(CampaignSchema.safeParse(campaign).success).toBe(true);
        expect(campaign.status).toBe('draft');
        expect(events.map((e) => e.action)).toEqual(['campaign.created']);
      });
    });
  }

  const smsFiles = FILES.filter((f) => load(f).kind === 'sms');
  const letterFiles = FILES.filter((f) => load(f).kind === 'letter');

  it.each(smsFiles)(
    '%s: 3–8 variants, each GSM-7 and at most 2 segments with a 60-character link',
    (file) => {
      // Prepare
      const blueprint = load(file);
      if (blueprint.kind !== 'sms') throw new Error('not an SMS blueprint');

      // Act
      const analyses = blueprint.variants.map((v) => analyseSmsText(v.text, { linkLength: 60 }));

      // Assess
      expect(blueprint.variants.length).toBeGreaterThanOrEqual(3);
      expect(blueprint.variants.length).toBeLessThanOrEqual(8);
      for (const analysis of analyses) {
        expect(analysis.encoding).toBe('GSM-7');
        expect(analysis.segments).toBeLessThanOrEqual(2);
        expect(analysis.linkPlaceholders).toBe(1);
      }
      expect(blueprint.quietHours).toMatchObject({
        start: '09:00',
        end: '20:00',
        timeZone: 'Europe/Amsterdam',
      });
      expect(blueprint.ratePerSecond).toBe(10);
    },
  );

  it.each(smsFiles)(
    '%s: every variant as sent, with a 40-character link and the opt-out line, is one GSM-7 part',
    (file) => {
      // Prepare
      const blueprint = load(file);
      if (blueprint.kind !== 'sms') throw new Error('not an SMS blueprint');
      const origin = 'https://perspectief.gmnt.nl';
      const links = { link: `${origin}/r/${'x'.repeat(10)}`, stop: `${origin}/stop` };

      // Act
      const sent = blueprint.variants.map((v) => renderSmsText(v.text, links));
      const analyses = sent.map((text) => analyseSmsText(text, { linkLength: 0 }));

      // Assess
      expect(links.link.length).toBe(BLUEPRINT_LINK_LENGTH);
      for (const [i, analysis] of analyses.entries()) {
        expect(sent[i]).toContain(`\nStop: ${origin}/stop`);
        expect(analysis.encoding).toBe('GSM-7');
        expect(analysis.segments).toBe(1);
      }
    },
  );

  it('refuses a blueprint whose variant needs a second part once the opt-out line is added', () => {
    // Prepare
    const blueprint = load(smsFiles[0]!);
    if (blueprint.kind !== 'sms') throw new Error('not an SMS blueprint');
    const first = blueprint.variants[0]!;
    const room = 160 - analyseVariantText(first.text, { linkLength: BLUEPRINT_LINK_LENGTH }).length;
    const longer = { ...first, text: `${'a'.repeat(room + 1)} ${first.text}` };
    const fitting = { ...first, text: `${'a'.repeat(room - 1)} ${first.text}` };

    // Act
    const refused = SmsBlueprintSchema.safeParse({
      ...blueprint,
      variants: [longer, ...blueprint.variants.slice(1)],
    });
    const accepted = SmsBlueprintSchema.safeParse({
      ...blueprint,
      variants: [fitting, ...blueprint.variants.slice(1)],
    });

    // Assess
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((i) => i.message).join()).toContain('opt-out line');
    expect(accepted.success).toBe(true);
  });

  it.each(letterFiles)('%s: has exactly the letter shape and only known merge fields', (file) => {
    // Prepare
    const raw = JSON.parse(readFileSync(new URL(file, DIR), 'utf8')) as { letter: Record<string, unknown> };

    // Act
    const fields = [...JSON.stringify(raw.letter).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]);

    // Assess
    expect(Object.keys(raw.letter).sort()).toEqual(['helpLinks', 'paragraphs', 'subject']);
    for (const field of fields) expect(LETTER_MERGE_FIELDS).toContain(field);
    expect(fields).toEqual(expect.arrayContaining(['datum', 'gebied', 'zaaktekst']));
    expect(JSON.stringify(raw.letter)).toContain('0800-7000');
  });

  it('refuses a blueprint variant that needs UCS-2 or has no {link}', () => {
    // Prepare
    const blueprint = load('sms-bom-straathandel.json');
    if (blueprint.kind !== 'sms') throw new Error('not an SMS blueprint');
    const curly = {
      ...blueprint,
      variants: [
        { ...blueprint.variants[0]!, text: 'Financiële hulp: {link}' },
        ...blueprint.variants.slice(1),
      ],
    };
    const bare = {
      ...blueprint,
      variants: [{ ...blueprint.variants[0]!, text: 'Geen link hier.' }, ...blueprint.variants.slice(1)],
    };

    // Act
    const results = [BlueprintSchema.safeParse(curly).success, BlueprintSchema.safeParse(bare).success];

    // Assess
    expect(results).toEqual([false, false]);
  });

  it("refuses a letter that prints an official's direct number or an unknown merge field", () => {
    // Prepare
    const blueprint = load('wijkbericht-na-arrestaties.json');
    if (blueprint.kind !== 'letter') throw new Error('not a letter blueprint');
    const withNumber = {
      ...blueprint,
      letter: { ...blueprint.letter, paragraphs: ['Bel de heer Jansen op 030 286 1234.'] },
    };
    const withField = { ...blueprint, letter: { ...blueprint.letter, paragraphs: ['Beste {{naam}},'] } };

    // Act
    const results = [
      BlueprintSchema.safeParse(withNumber).success,
      BlueprintSchema.safeParse(withField).success,
    ];

    // Assess
    expect(results).toEqual([false, false]);
  });
});
