import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAddressSource, saveAddressSet } from '../../functions/adapters/bag-file/address-store.js';
import { addressSourceContract } from './address-source.contract.js';

/** The embedded runtime's source: the address set stored as the BAG import stores it, loaded back. */
addressSourceContract('the BAG file', async (addresses) => {
  const dir = await mkdtemp(join(tmpdir(), 'bag-contract-'));
  await saveAddressSet(dir, addresses, { source: 'contract', importedAt: new Date('2026-03-02T09:00:00Z') });
  const { source, meta } = await loadAddressSource(dir);
  if (meta === null) throw new Error('the stored address set was not loaded');
  return {
    source,
    malformedRequests: async () => 0,
    close: () => rm(dir, { recursive: true, force: true }),
  };
});
