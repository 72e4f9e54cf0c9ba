import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoLetterBatchStore } from '../../functions/adapters/dynamodb/letter-batch-store.js';
import { DynamoLetterSelectionStore } from '../../functions/adapters/dynamodb/letter-selection-store.js';
import { DynamoRoundStore } from '../../functions/adapters/dynamodb/round-store.js';
import { DynamoTable } from '../../functions/adapters/dynamodb/table.js';
import { DynamoWebVersionStore } from '../../functions/adapters/dynamodb/web-version-store.js';
import { ConflictError, NotFoundError } from '../../functions/core/errors.js';
import { aLetterBatch, aLetterSelection, aRound } from '../fixtures/letter-builders.js';
import type { StoreTarget } from './stores.contract.js';

/** The contract of the letter stores (selections, runs, rounds, web versions) on every DynamoDB-API server. */
export function letterStoresContract(serverName: string, connect: () => Promise<StoreTarget>): void {
  describe(`letter stores on ${serverName}`, () => {
    let target: StoreTarget;
    let main: DynamoTable;
    beforeAll(async () => {
      target = await connect();
      main = new DynamoTable(target.doc, target.tables.main);
    });
    afterAll(async () => {
      await target.close();
    });

    describe('LetterSelectionStore', () => {
      it('creates once, replaces only at the expected version, and keeps no address list', async () => {
        const store = new DynamoLetterSelectionStore(main);
        const selection = aLetterSelection();
        await store.save(selection, null);
        expect(await store.get(selection.campaignId)).toEqual(selection);
        await expect(store.save(selection, null)).rejects.toBeInstanceOf(ConflictError);
        const ticked = { ...selection, streets: selection.streets.slice(0, 1), letterCount: 10, version: 1 };
        await store.save(ticked, 0);
        await expect(store.save({ ...ticked, version: 1 }, 0)).rejects.toBeInstanceOf(ConflictError);
        expect(await store.get(selection.campaignId)).toEqual(ticked);
        expect(await store.get('campaign-unknown')).toBeUndefined();
      });
    });

    describe('LetterBatchStore', () => {
      it('stores runs, lists them newest first and counts downloads atomically', async () => {
        const store = new DynamoLetterBatchStore(main);
        const older = aLetterBatch({ createdAt: '2026-03-02T09:00:00.000Z' });
        const newer = aLetterBatch({ campaignId: older.campaignId, createdAt: '2026-03-02T10:00:00.000Z' });
        await store.create(older);
        await store.create(newer);
        await expect(store.create(older)).rejects.toBeInstanceOf(ConflictError);
        expect((await store.list(older.campaignId)).map((b) => b.id)).toEqual([newer.id, older.id]);
        await Promise.all([1, 2, 3].map(() => store.recordDownload(older.campaignId, older.id)));
        expect((await store.get(older.campaignId, older.id))?.downloads).toBe(3);
        await expect(store.recordDownload(older.campaignId, 'batch-unknown')).rejects.toBeInstanceOf(
          ConflictError,
        );
        expect(await store.list('campaign-unknown')).toEqual([]);
      });
    });

    describe('RoundStore', () => {
      it('reads a round back with its streets and lists it per campaign and per distributor', async () => {
        const store = new DynamoRoundStore(main);
        const round = aRound({ team: ['d-one', 'd-two'] });
        const later = aRound({ campaignId: round.campaignId, date: '2026-03-04', team: ['d-two'] });
        await store.create(round);
        await store.create(later);
        expect(await store.get(round.id)).toEqual(round);
        expect((await store.listByCampaign(round.campaignId)).map((r) => r.id)).toEqual([round.id, later.id]);
        expect((await store.listByDistributor('d-one')).map((r) => r.id)).toEqual([round.id]);
        expect((await store.listByDistributor('d-two')).map((r) => r.id)).toEqual([round.id, later.id]);
        expect(await store.get('round-unknown')).toBeUndefined();
      });

      it('changes one street at a time and never loses a concurrent change', async () => {
        const store = new DynamoRoundStore(main);
        const round = aRound();
        await store.create(round);
        const [first, second] = round.streets;
        const notes = Array.from({ length: 4 }, (_, i) =>
          store.updateStreet(round.id, first!, (s) => ({
            ...s,
            notes: [...s.notes, { at: '2026-03-03T09:00:00.000Z', by: 'distributor1', text: `notitie ${i}` }],
          })),
        );
        const delivered = store.updateStreet(round.id, second!, (s) => ({
          ...s,
          status: 'delivered',
          deliveredAt: '2026-03-03T09:05:00.000Z',
          deliveredBy: 'distributor1',
        }));
        await Promise.all([...notes, delivered]);
        const stored = await store.get(round.id);
        expect(stored?.streets[0]?.notes.map((n) => n.text).sort()).toEqual([
          'notitie 0',
          'notitie 1',
          'notitie 2',
          'notitie 3',
        ]);
        expect(stored?.streets[1]).toMatchObject({ status: 'delivered', deliveredBy: 'distributor1' });
      });

      it('lets an error from the change through and refuses a street outside the round', async () => {
        const store = new DynamoRoundStore(main);
        const round = aRound();
        await store.create(round);
        await expect(
          store.updateStreet(round.id, round.streets[0]!, () => {
            throw new ConflictError('no', { userMessage: 'nee' });
          }),
        ).rejects.toBeInstanceOf(ConflictError);
        await expect(
          store.updateStreet(round.id, { street: 'Elders', city: 'Nergens' }, (s) => s),
        ).rejects.toBeInstanceOf(NotFoundError);
        expect(await store.get(round.id)).toEqual(round);
      });
    });

    describe('WebVersionStore', () => {
      it('gives each street one code however often and concurrently asked, and counts opens', async () => {
        const store = new DynamoWebVersionStore(main);
        const now = new Date('2026-03-02T09:00:00.000Z');
        const street = { street: 'Proefstraat', city: 'Voorbeeldstad (fictief)' };
        const codes = await Promise.all(
          ['a'.repeat(32), 'b'.repeat(32), 'c'.repeat(32)].map((code) =>
            store.codeFor('campaign-web', street, code, now),
          ),
        );
        expect(new Set(codes.map((c) => c.code)).size).toBe(1);
        const other = await store.codeFor(
          'campaign-web',
          { ...street, street: 'Oefenlaan' },
          'd'.repeat(32),
          now,
        );
        expect(other.code).toBe('d'.repeat(32));
        const code = codes[0]!.code;
        await Promise.all(Array.from({ length: 5 }, () => store.recordOpen(code)));
        expect(await store.get(code)).toMatchObject({ opens: 5, street: 'Proefstraat' });
        expect((await store.list('campaign-web')).map((w) => [w.street, w.opens]).sort()).toEqual([
          ['Oefenlaan', 0],
          ['Proefstraat', 5],
        ]);
        expect(await store.get('e'.repeat(32))).toBeUndefined();
        expect(await store.get('../x')).toBeUndefined();
        await expect(store.recordOpen('e'.repeat(32))).rejects.toBeInstanceOf(ConflictError);
        const nine = new Date('2026-03-02T09:15:00.000Z');
        const ten = new Date('2026-03-02T10:05:00.000Z');
        await Promise.all([
          store.recordOpen(code, nine),
          store.recordOpen(code, nine),
          store.recordOpen(other.code, nine),
          store.recordOpen(other.code, ten),
        ]);
        expect(
          (await store.opensByHour('campaign-web')).sort((a, b) => a.hour.localeCompare(b.hour)),
        ).toEqual([
          { hour: '2026-03-02T09', opens: 3 },
          { hour: '2026-03-02T10', opens: 1 },
        ]);
        expect(await store.get(code)).toMatchObject({ opens: 7 });
        expect(await store.opensByHour('campaign-none')).toEqual([]);
      });
    });
  });
}
