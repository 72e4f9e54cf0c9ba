import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Blueprint, BlueprintSchema } from '../core/campaigns/blueprint.schema.js';
import type { BlueprintCatalog } from '../core/ports.js';

/** The repository's `campaigns/` folder, beside `functions/`. */
export const DEFAULT_BLUEPRINTS_DIR = new URL('../../campaigns/', import.meta.url).pathname;

/**
 * Reads the blueprints (`*.json`) of a folder once, validating each with the blueprint schema.
 * Why a folder and not imports: blueprints are data the municipality may extend without a code change; a
 * file that does not validate stops the start-up instead of surfacing half-way through a campaign.
 */
export function fileBlueprintCatalog(dir: string = DEFAULT_BLUEPRINTS_DIR): BlueprintCatalog {
  let loaded: Promise<Blueprint[]> | undefined;
  const load = (): Promise<Blueprint[]> => {
    loaded ??= (async () => {
      const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
      return Promise.all(
        files.map(async (file) => BlueprintSchema.parse(JSON.parse(await readFile(join(dir, file), 'utf8')))),
      );
    })();
    return loaded;
  };
  return {
    list: load,
    get: async (id) => (await load()).find((b) => b.id === id),
  };
}
