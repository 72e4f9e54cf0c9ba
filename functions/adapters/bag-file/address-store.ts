import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as z from 'zod';
import { type Address, AddressSchema, isResidentialPurposes } from '../../core/letters/address.schema.js';
import { AddressIndex } from './address-index.js';
import { generateDemoNeighbourhood } from './demo-neighbourhood.js';

export const ADDRESS_STORE_FILE = 'addresses.ndjson';

/** The folder inside the platform's data directory that holds the imported extract. */
export const BAG_SUBDIR = 'bag';

export const AddressSetMetaSchema = z.object({
  format: z.literal('perspectief-addresses'),
  version: z.literal(1),
  /** File name the set came from, or "demo". */
  source: z.string(),
  importedAt: z.iso.datetime(),
  demo: z.boolean(),
  count: z.number().int().nonnegative(),
});
export type AddressSetMeta = z.infer<typeof AddressSetMetaSchema>;

const RowSchema = z.tuple([
  z.string(),
  z.string(),
  z.number(),
  z.string(),
  z.string(),
  z.string(),
  z.string(),
  z.number(),
  z.number(),
  z.string(),
]);

function toRow(a: Address): z.infer<typeof RowSchema> {
  return [
    a.id,
    a.street,
    a.houseNumber,
    a.letter,
    a.addition,
    a.postcode,
    a.city,
    a.lat,
    a.lon,
    a.purposes.join(','),
  ];
}

/**
 * Replaces the stored address set in `dataDir` atomically (write, then rename): a failed import leaves the
 * previous set intact. One metadata line, then one compact JSON array per address.
 */
export async function saveAddressSet(
  dataDir: string,
  addresses: readonly Address[],
  meta: { source: string; importedAt: Date; demo?: boolean },
): Promise<AddressSetMeta> {
  await mkdir(dataDir, { recursive: true });
  const header: AddressSetMeta = {
    format: 'perspectief-addresses',
    version: 1,
    source: meta.source,
    importedAt: meta.importedAt.toISOString(),
    demo: meta.demo ?? false,
    count: addresses.length,
  };
  const lines = [JSON.stringify(header), ...addresses.map((a) => JSON.stringify(toRow(a)))];
  const target = join(dataDir, ADDRESS_STORE_FILE);
  const temporary = `${target}.${process.pid}.tmp`;
  await writeFile(temporary, `${lines.join('\n')}\n`, 'utf8');
  await rename(temporary, target);
  return header;
}

/** Reads the stored set; null when none was imported yet. Every row is validated. */
export async function loadAddressSet(
  dataDir: string,
): Promise<{ meta: AddressSetMeta; addresses: Address[] } | null> {
  let text: string;
  try {
    text = await readFile(join(dataDir, ADDRESS_STORE_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const lines = text.split('\n').filter((l) => l.length > 0);
  const meta = AddressSetMetaSchema.parse(JSON.parse(lines[0] ?? '{}'));
  const addresses = lines.slice(1).map((line) => {
    const [id, street, houseNumber, letter, addition, postcode, city, lat, lon, purposeText] =
      RowSchema.parse(JSON.parse(line));
    const purposes = purposeText ? purposeText.split(',') : [];
    return AddressSchema.parse({
      id,
      street,
      houseNumber,
      letter,
      addition,
      postcode,
      city,
      lat,
      lon,
      purposes,
      residential: isResidentialPurposes(purposes),
    });
  });
  return { meta, addresses };
}

/**
 * The embedded runtime's `AddressSource`: the imported set in `dataDir`, or the fictitious demo
 * neighbourhood when nothing was imported, so a fresh checkout works out of the box.
 */
export async function loadAddressSource(
  dataDir: string,
): Promise<{ source: AddressIndex; meta: AddressSetMeta | null }> {
  const stored = await loadAddressSet(dataDir);
  if (stored) return { source: new AddressIndex(stored.addresses), meta: stored.meta };
  return { source: new AddressIndex(generateDemoNeighbourhood()), meta: null };
}
