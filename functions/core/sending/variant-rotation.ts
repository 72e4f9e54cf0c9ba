import { createHash } from 'node:crypto';
import { ValidationError } from '../errors.js';

function digest(seed: string, label: string, value: string): string {
  return createHash('sha256')
    .update(seed)
    .update('\0')
    .update(label)
    .update('\0')
    .update(value)
    .digest('hex');
}

function assertUnique(values: readonly string[], what: 'recipients' | 'variants'): void {
  if (new Set(values).size !== values.length) {
    throw new ValidationError(`Duplicate ${what} in variant assignment`, {
      userMessage:
        what === 'recipients'
          ? 'Een ontvanger komt twee keer voor; de varianten kunnen niet worden verdeeld.'
          : 'Een variant komt twee keer voor; de varianten kunnen niet worden verdeeld.',
      context: { what },
    });
  }
}

/**
 * Assigns each recipient one variant, balanced so that variant counts differ by at most one.
 * Why seeded and order-independent: the assignment is fixed before the first send and must come out the same
 * when recomputed for the same approval fingerprint (pass it as `seed`), whatever order the store returns ids in;
 * a hash order also spreads the variants evenly over the list instead of by upload order.
 */
export function assignVariants(
  recipientIds: readonly string[],
  variantIds: readonly string[],
  seed: string,
): ReadonlyMap<string, string> {
  if (variantIds.length === 0) {
    throw new ValidationError('No variants to assign', {
      userMessage: 'Er is geen berichtvariant om te versturen.',
    });
  }
  assertUnique(recipientIds, 'recipients');
  assertUnique(variantIds, 'variants');
  const variants = variantIds
    .map((id) => ({ id, key: digest(seed, 'variant', id) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.id < b.id ? -1 : 1))
    .map((v) => v.id);
  const recipients = recipientIds
    .map((id) => ({ id, key: digest(seed, 'recipient', id) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.id < b.id ? -1 : 1));
  const assignment = new Map<string, string>();
  recipients.forEach((r, i) => {
    assignment.set(r.id, variants[i % variants.length]!);
  });
  return assignment;
}

/** Recipients per variant (every variant present, zero when unused); for the dashboard and the balance check. */
export function variantCounts(
  assignment: ReadonlyMap<string, string>,
  variantIds: readonly string[],
): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(variantIds.map((v) => [v, 0]));
  for (const variant of assignment.values()) counts[variant] = (counts[variant] ?? 0) + 1;
  return counts;
}
