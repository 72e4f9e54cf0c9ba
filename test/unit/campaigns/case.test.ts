import { describe, expect, it } from 'vitest';
import { CaseSchema } from '../../../functions/core/campaigns/index.js';

const bazooka = {
  id: 'case-bazooka',
  name: 'Bazooka',
  actionDate: '2021-11-09',
  municipality: 'Utrecht',
  areaDescription: 'Kanaleneiland en Bilthoven-Noord',
  responsibleUserId: 'u-manager',
  createdAt: '2021-11-01T09:00:00.000Z',
  createdBy: 'u-adviser',
  updatedAt: '2021-11-01T09:00:00.000Z',
  version: 0,
};

describe('CaseSchema', () => {
  it('accepts a case with its action date, municipality and area', () => {
    // Act
    const result = CaseSchema.safeParse(bazooka);

    // Assess
    expect(result.success).toBe(true);
  });

  it.each([
    ['a one-letter name', { name: 'B' }, 'minstens 2 tekens'],
    ['an impossible date', { actionDate: '2021-13-40' }, 'Ongeldige datum'],
    ['a missing area', { areaDescription: ' ' }, 'gebied'],
  ])('refuses %s with a Dutch message', (_label, overrides, message) => {
    // Act
    const result = CaseSchema.safeParse({ ...bazooka, ...overrides });

    // Assess
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain(message);
  });
});
