import * as z from 'zod';
import { ConflictError, NotFoundError, UnavailableError } from '../../core/errors.js';
import { type StreetRef, streetKey } from '../../core/letters/address.schema.js';
import {
  type Round,
  RoundSchema,
  type RoundStreet,
  RoundStreetSchema,
} from '../../core/letters/distribution.schema.js';
import type { RoundStore } from '../../core/ports.js';
import type { DynamoTable } from './table.js';

const pk = (roundId: string) => `ROUND#${roundId}`;
const HEADER = 'ROUND';
const streetSk = (order: number) => `STREET#${String(order).padStart(4, '0')}`;
const campaignPk = (campaignId: string) => `ROUNDS#${campaignId}`;
const distributorPk = (userId: string) => `DISTRIBUTOR#${userId}`;

const HeaderItem = RoundSchema.omit({ streets: true }).extend({
  pk: z.string(),
  sk: z.literal(HEADER),
  streetCount: z.number().int().min(1),
});
const StreetItem = RoundStreetSchema.extend({
  pk: z.string(),
  sk: z.string(),
  order: z.number().int().min(0),
  /** Revision of this street, the condition of every change so two taps never overwrite each other. */
  rev: z.number().int().min(0),
});
const AssignmentItem = z.object({ pk: z.string(), sk: z.string(), roundId: z.string() });
const AnyItem = z.union([HeaderItem, StreetItem]);

const MAX_ATTEMPTS = 5;

function stripStreet(item: z.infer<typeof StreetItem>): RoundStreet {
  const { pk: _pk, sk: _sk, order: _order, rev: _rev, ...street } = item;
  return street;
}

/**
 * Rounds in the main table: a header item and one item per street under `ROUND#<id>`, so each street
 * changes by its own conditional write. A campaign's rounds are listed through gsi1, a distributor's
 * through assignment items written with the round.
 */
export class DynamoRoundStore implements RoundStore {
  constructor(private readonly table: DynamoTable) {}

  async create(input: Round): Promise<void> {
    const round = RoundSchema.parse(input);
    const { streets, ...header } = round;
    await this.table.put(
      {
        pk: pk(round.id),
        sk: HEADER,
        ...header,
        streetCount: streets.length,
        gsi1pk: campaignPk(round.campaignId),
        gsi1sk: `${round.date}#${round.timeSlot.from}#${round.id}`,
      },
      { ifNotExists: true },
    );
    await this.table.batchWrite([
      ...streets.map((street, order) => ({
        pk: pk(round.id),
        sk: streetSk(order),
        ...street,
        order,
        rev: 0,
      })),
      ...round.team.map((userId) => ({
        pk: distributorPk(userId),
        sk: `${round.date}#${round.timeSlot.from}#${round.id}`,
        roundId: round.id,
      })),
    ]);
  }

  private async items(roundId: string) {
    const items = await this.table.query(
      { KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': pk(roundId) } },
      AnyItem,
    );
    const header = items.find((i): i is z.infer<typeof HeaderItem> => i.sk === HEADER);
    const streets = items
      .filter((i): i is z.infer<typeof StreetItem> => i.sk !== HEADER)
      .map((i) => StreetItem.parse(i))
      .sort((a, b) => a.order - b.order);
    return { header, streets };
  }

  async get(roundId: string): Promise<Round | undefined> {
    const { header, streets } = await this.items(roundId);
    // A round whose street items are not all written yet (creation in progress) does not exist yet.
    if (!header || streets.length !== header.streetCount) return undefined;
    const { pk: _pk, sk: _sk, streetCount: _count, ...rest } = header;
    return RoundSchema.parse({ ...rest, streets: streets.map(stripStreet) });
  }

  private async rounds(ids: string[]): Promise<Round[]> {
    const rounds = await Promise.all(ids.map((id) => this.get(id)));
    return rounds.filter((r): r is Round => r !== undefined);
  }

  async listByCampaign(campaignId: string): Promise<Round[]> {
    const headers = await this.table.query(
      {
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :p',
        ExpressionAttributeValues: { ':p': campaignPk(campaignId) },
      },
      z.object({ pk: z.string() }),
    );
    return this.rounds(headers.map((h) => h.pk.slice('ROUND#'.length)));
  }

  async listByDistributor(userId: string): Promise<Round[]> {
    const assignments = await this.table.query(
      { KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': distributorPk(userId) } },
      AssignmentItem,
    );
    return this.rounds(assignments.map((a) => a.roundId));
  }

  async updateStreet(
    roundId: string,
    ref: StreetRef,
    change: (current: RoundStreet) => RoundStreet,
  ): Promise<RoundStreet> {
    const wanted = streetKey(ref);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const { streets } = await this.items(roundId);
      const item = streets.find((s) => streetKey(s) === wanted);
      if (!item) {
        throw new NotFoundError('Street not in round', {
          userMessage: 'Deze straat hoort niet bij de ronde.',
        });
      }
      const next = RoundStreetSchema.parse(change(stripStreet(item)));
      if (streetKey(next) !== wanted) throw new Error('A street change may not rename the street');
      try {
        await this.table.put(
          { pk: item.pk, sk: item.sk, ...next, order: item.order, rev: item.rev + 1 },
          { condition: { expression: 'rev = :r', values: { ':r': item.rev } } },
        );
        return next;
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
      }
    }
    throw new UnavailableError('Street kept changing under concurrent writes', {
      userMessage: 'Deze straat werd tegelijk door anderen gewijzigd. Probeer het nog eens.',
      context: { attempts: MAX_ATTEMPTS },
    });
  }
}
