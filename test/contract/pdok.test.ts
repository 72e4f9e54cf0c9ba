import { describe, expect, it } from 'vitest';
import { PdokAddressSource } from '../../functions/adapters/pdok/pdok-address-source.js';
import { startPdokServer } from '../fixtures/pdok-server.js';
import { addressSourceContract, contractAddresses } from './address-source.contract.js';

/**
 * The PDOK source against the AddressSource contract: real HTTP to a local server answering in PDOK's
 * response shapes, with small pages so cursor paging is exercised, refusing malformed requests as PDOK does.
 */
addressSourceContract('PDOK (local server)', async (addresses) => {
  const pdok = await startPdokServer(addresses, 25);
  return {
    source: new PdokAddressSource({
      locatieserverUrl: pdok.locatieserverUrl,
      bagOgcUrl: pdok.bagOgcUrl,
      attempts: 1,
      sleep: async () => {},
    }),
    malformedRequests: async () => pdok.badRequests.length,
    close: () => pdok.close(),
  };
});

describe('the local PDOK server', () => {
  it('refuses what PDOK refuses: unknown parameters, limits above 1000, inverted boxes, a missing query', async () => {
    // Prepare
    const pdok = await startPdokServer(contractAddresses());
    const items = `${pdok.bagOgcUrl}/collections/verblijfsobject/items`;
    try {
      // Act
      const statuses = await Promise.all(
        [
          `${items}?f=json&limit=10`,
          `${items}?f=json&limit=5000`,
          `${items}?f=json&straat=Kerkstraat`,
          `${items}?f=json&bbox=5.83,52.1,5.82,52.2`,
          `${pdok.locatieserverUrl}/suggest?fq=type:adres`,
          `${pdok.locatieserverUrl}/free?q=Kerkstraat&rows=1`,
        ].map(async (url) => (await fetch(url)).status),
      );
      // Assess
      expect(statuses).toEqual([200, 400, 400, 400, 400, 200]);
      expect(pdok.badRequests).toHaveLength(4);
    } finally {
      await pdok.close();
    }
  });
});
