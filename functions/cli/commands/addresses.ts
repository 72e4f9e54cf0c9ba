import { parseArgs } from 'node:util';
import { AddressIndex } from '../../adapters/bag-file/address-index.js';
import { importAddressFile } from '../../adapters/bag-file/parse-address-csv.js';
import { isDomainError } from '../../core/errors.js';
import type { GeoPoint } from '../../core/letters/address.schema.js';
import { DEFAULT_MAX_RADIUS_M, findStreetsAround } from '../../core/letters/selection.js';
import type { CliIo } from '../io.js';

const USAGE =
  'Gebruik: perspectief addresses around --bag BESTAND --point LAT,LON [--point LAT,LON ...] --radius METER ' +
  '[--residential-only] [--max-radius METER] [--json]\n';

function parsePoint(text: string): GeoPoint | null {
  const match = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(text);
  if (!match) return null;
  return { lat: Number(match[1]), lon: Number(match[2]) };
}

/**
 * `perspectief addresses around`: the streets around one or more points in a BAG address file, with per
 * street the addresses within the radius and on the whole street. Reads the file, stores nothing.
 */
export async function addressesCommand(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'around') {
    io.stderr(USAGE);
    return 2;
  }
  let values: {
    bag?: string;
    point?: string[];
    radius?: string;
    'residential-only'?: boolean;
    'max-radius'?: string;
    json?: boolean;
  };
  try {
    ({ values } = parseArgs({
      args: rest,
      options: {
        bag: { type: 'string' },
        point: { type: 'string', multiple: true },
        radius: { type: 'string' },
        'residential-only': { type: 'boolean', default: false },
        'max-radius': { type: 'string' },
        json: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    io.stderr(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (!values.bag || !values.point?.length || values.radius === undefined) {
    io.stderr(USAGE);
    return 2;
  }
  const points: GeoPoint[] = [];
  for (const text of values.point) {
    const point = parsePoint(text);
    if (!point) {
      io.stderr(`Ongeldig punt "${text}": gebruik LAT,LON, bijvoorbeeld 52.09,5.11.\n`);
      return 2;
    }
    points.push(point);
  }
  const radiusM = Number(values.radius);
  const maxRadiusM = values['max-radius'] === undefined ? DEFAULT_MAX_RADIUS_M : Number(values['max-radius']);
  try {
    const imported = await importAddressFile(values.bag);
    if (imported.errorCount > 0) {
      const first = imported.errors[0];
      io.stderr(
        `${imported.errorCount} rij(en) overgeslagen${first ? ` (eerste: regel ${first.line}: ${first.reason})` : ''}.\n`,
      );
    }
    const source = new AddressIndex(imported.addresses);
    const { selection } = await findStreetsAround(
      source,
      { points, radiusM, residentialOnly: values['residential-only'] ?? false },
      { maxRadiusM },
    );
    if (values.json) {
      io.stdout(`${JSON.stringify(selection)}\n`);
      return 0;
    }
    io.stdout(
      `Straal ${selection.radius_m} m rond ${selection.points.map((p) => p.join(',')).join(' en ')}\n`,
    );
    const width = Math.max(6, ...selection.streets.map((s) => `${s.street}, ${s.city}`.length));
    io.stdout(`${'straat'.padEnd(width)}  binnen straal  hele straat\n`);
    for (const s of selection.streets) {
      io.stdout(
        `${`${s.street}, ${s.city}`.padEnd(width)}  ${String(s.within_radius).padStart(13)}  ${String(s.on_street).padStart(11)}\n`,
      );
    }
    io.stdout(
      `${'totaal'.padEnd(width)}  ${String(selection.within_radius).padStart(13)}  ${String(selection.on_streets).padStart(11)}\n`,
    );
    return 0;
  } catch (error) {
    if (isDomainError(error)) {
      io.stderr(`${error.userMessage}\n`);
      return 1;
    }
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      io.stderr('Het adresbestand bestaat niet.\n');
      return 1;
    }
    throw error;
  }
}
