/**
 * Seeded generator of contact files for the ingest benchmark: mixed vCard 2.1/3.0 and CSV (Google and
 * forensic layouts), Dutch and foreign numbers, mobile and not, a share of repeats and garbage.
 */

export interface GeneratedUpload {
  files: { name: string; bytes: Uint8Array; source: string }[];
  /** The number string of every row, as written in the files, joined by "\n" (compact until needed). */
  numbers: string;
}

/** mulberry32: small, fast, good enough for test data, and the same on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ['Jan', 'Mo', 'Fatima', 'Sanne', 'Kees', 'Ayşe', 'Daan', 'Émile', 'Lotte', 'Yusuf'];
const LAST = ['de Vries', 'Bakker', 'El Amrani', 'Jansen', 'Yılmaz', 'Visser', 'Smit', 'Müller'];

export function generateUpload(rows: number, fileCount: number, seed: number): GeneratedUpload {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const digits = (n: number): string => {
    let s = '';
    for (let i = 0; i < n; i++) s += Math.floor(random() * 10);
    return s;
  };

  const fresh = (): string => {
    const r = random();
    if (r < 0.55) {
      const n = `6${1 + Math.floor(random() * 5)}${digits(7)}`;
      return pick([
        `0${n}`,
        `06-${n.slice(1)}`,
        `+31 6 ${n.slice(1, 5)} ${n.slice(5)}`,
        `0031${n}`,
        `+31 (0)${n}`,
      ]);
    }
    if (r < 0.7) return pick([`020-${digits(7)}`, `030 ${digits(3)} ${digits(4)}`, `+31 10 ${digits(7)}`]);
    if (r < 0.73) return pick([`0800-${digits(4)}`, `0900-${digits(7)}`]);
    if (r < 0.75) return `0970${digits(8)}`;
    if (r < 0.95)
      return pick([`+32 47${digits(7)}`, `+49 151 ${digits(8)}`, `+212 6${digits(8)}`, `+90 53${digits(8)}`]);
    return pick([`+32 2 ${digits(7)}`, `+49 30 ${digits(8)}`]);
  };
  const garbage = (): string => pick(['06-12', 'onbekend 12345', '+31 6 12 34', `${digits(20)}`, '112']);

  const numbers: string[] = [];
  const distinct: string[] = [];
  for (let i = 0; i < rows; i++) {
    const r = random();
    if (r < 0.02) numbers.push(garbage());
    else if (r < 0.32 && distinct.length > 0) numbers.push(pick(distinct));
    else {
      const number = fresh();
      distinct.push(number);
      numbers.push(number);
    }
  }

  const files: GeneratedUpload['files'] = [];
  const perFile = Math.ceil(rows / fileCount);
  const encoder = new TextEncoder();
  for (let f = 0; f < fileCount; f++) {
    const slice = numbers.slice(f * perFile, (f + 1) * perFile);
    const kind = f % 4;
    const parts: string[] = [];
    if (kind === 0) {
      for (const number of slice) {
        const name = `${pick(FIRST)} ${pick(LAST)}`;
        const qp = [...encoder.encode(name)]
          .map((b) => `=${b.toString(16).toUpperCase().padStart(2, '0')}`)
          .join('');
        parts.push(
          `BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:${qp};;;\r\nTEL;CELL:${number}\r\nEND:VCARD\r\n`,
        );
      }
    } else if (kind === 1) {
      for (const number of slice) {
        parts.push(
          `BEGIN:VCARD\nVERSION:3.0\nFN:${pick(FIRST)} ${pick(LAST)}\nitem1.TEL;type=CELL:${number}\nEMAIL:x${digits(3)}@example.org\nEND:VCARD\n`,
        );
      }
    } else if (kind === 2) {
      parts.push('First Name,Last Name,Notes,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value\n');
      for (const number of slice)
        parts.push(`${pick(FIRST)},${pick(LAST)},"notitie ${digits(2)}",p@example.org,Mobile,${number}\n`);
    } else {
      parts.push('#;Name;Entries;Source\n');
      let row = 1;
      for (const number of slice) parts.push(`${row++};${pick(FIRST)};Phone-Mobile: ${number};Phone\n`);
    }
    files.push({
      name: `telefoon-${f + 1}.${kind < 2 ? 'vcf' : 'csv'}`,
      bytes: encoder.encode(parts.join('')),
      source: `telefoon ${f + 1}`,
    });
  }
  return { files, numbers: numbers.join('\n') };
}
