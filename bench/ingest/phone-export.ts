import { seededRandom } from './generate.js';

/**
 * Seeded vCard 3.0 exports of seized phones as phones write them: names, organisation, e-mail, notes on a
 * share of the cards, a contact photo (base64 JPEG-sized data, folded at 75 characters) on a share, one to
 * three numbers per card in the formats people type. Together the files hold `rows` numbers, of which
 * `unique` distinct ones (each at least once, the rest repeats across phones, as contacts are shared).
 */
export interface PhoneExport {
  files: { name: string; source: string; bytes: Uint8Array }[];
  /** Every row's number as written, in file order. */
  numbers: string[];
}

const FIRST = ['Jan', 'Mo', 'Fatima', 'Sanne', 'Kees', 'Ayşe', 'Daan', 'Émile', 'Lotte', 'Yusuf', 'Ricardo'];
const LAST = ['de Vries', 'Bakker', 'El Amrani', 'Jansen', 'Yılmaz', 'Visser', 'Smit', 'Müller', 'Pinas'];
const NOTES = [
  'Kent hem van de sportschool; belt meestal na tienen.',
  'Nieuw nummer sinds maart, oude niet meer gebruiken!',
  'Levert op vrijdag. Niet bellen op de vaste lijn.',
  'Neef van Kees. Adres: zie WhatsApp.',
];

export function phoneExport(rows: number, unique: number, phones: number, seed: number): PhoneExport {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const digits = (n: number) => {
    let s = '';
    for (let i = 0; i < n; i++) s += Math.floor(random() * 10);
    return s;
  };
  const distinct = new Set<string>();
  while (distinct.size < unique) distinct.add(`6${1 + Math.floor(random() * 5)}${digits(7)}`);
  const pool = [...distinct];
  const written = (n: string) =>
    pick([`0${n}`, `06-${n.slice(1)}`, `+31 6 ${n.slice(1, 5)} ${n.slice(5)}`, `0031${n}`, `+31${n}`]);
  // Every distinct number once, the rest repeats, shuffled.
  const rowNumbers = pool.map(written);
  while (rowNumbers.length < rows) rowNumbers.push(written(pick(pool)));
  for (let i = rowNumbers.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [rowNumbers[i], rowNumbers[j]] = [rowNumbers[j]!, rowNumbers[i]!];
  }
  const photo = () => {
    const bytes = new Uint8Array(1_500 + Math.floor(random() * 4_500));
    for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(random() * 256);
    const b64 = Buffer.from(bytes).toString('base64');
    const lines = [`PHOTO;ENCODING=b;TYPE=JPEG:${b64.slice(0, 46)}`];
    for (let i = 46; i < b64.length; i += 74) lines.push(` ${b64.slice(i, i + 74)}`);
    return lines.join('\r\n');
  };
  const encoder = new TextEncoder();
  const files: PhoneExport['files'] = [];
  const perPhone = Math.ceil(rows / phones);
  for (let p = 0; p < phones; p++) {
    const numbers = rowNumbers.slice(p * perPhone, (p + 1) * perPhone);
    const parts: string[] = [];
    let i = 0;
    while (i < numbers.length) {
      const count = Math.min(numbers.length - i, 1 + Math.floor(random() * random() * 3));
      const first = pick(FIRST);
      const last = pick(LAST);
      const card = ['BEGIN:VCARD', 'VERSION:3.0', `N:${last};${first};;;`, `FN:${first} ${last}`];
      if (random() < 0.3) card.push(`ORG:${pick(['Garage De Hoek', 'Kapsalon Fris', 'Bouwbedrijf Smit'])}`);
      for (let t = 0; t < count; t++)
        card.push(`TEL;TYPE=${pick(['CELL', 'CELL', 'HOME', 'WORK'])}:${numbers[i + t]}`);
      if (random() < 0.4) card.push(`EMAIL;TYPE=INTERNET:${first.toLowerCase()}${digits(3)}@example.org`);
      if (random() < 0.25) card.push(`NOTE:${pick(NOTES)}`);
      if (random() < 0.12) card.push(photo());
      card.push('END:VCARD');
      parts.push(`${card.join('\r\n')}\r\n`);
      i += count;
    }
    files.push({
      name: `telefoon-${p + 1}.vcf`,
      source: `telefoon ${p + 1}`,
      bytes: encoder.encode(parts.join('')),
    });
  }
  return { files, numbers: rowNumbers };
}
