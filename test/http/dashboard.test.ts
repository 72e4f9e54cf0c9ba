import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActing } from '../../functions/app/audit.js';
import { createUser } from '../../functions/app/users.js';
import { Client, type Harness, PASSWORD, startHarness, usernameFor } from './harness.js';

describe('the overview', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await createUser(h.deps, systemActing('test'), {
      username: 'beheer-en-bezorging',
      displayName: 'Beheer en bezorging',
      roles: ['admin', 'distributor'],
      password: PASSWORD,
    });
  });
  afterAll(async () => h.close());

  it('shows each role its own part and nothing of the roles the person lacks', async () => {
    const distributor = new Client(h.app);
    await distributor.login(usernameFor('distributor'));
    const own = await (await distributor.get('/')).text();
    expect(own).toContain('Mijn bezorgrondes');
    expect(own).toContain('U heeft nog geen bezorgrondes.');
    expect(own).not.toContain('Verzoeken om goedkeuring');
    expect(own).not.toContain('actieve gebruiker');
  });

  it('shows a person with two roles both parts, each under its role', async () => {
    const both = new Client(h.app);
    await both.login('beheer-en-bezorging');
    const page = await (await both.get('/')).text();
    const admin = page.indexOf('id="rol-admin"');
    const distributor = page.indexOf('id="rol-distributor"');
    expect(admin).toBeGreaterThan(-1);
    expect(distributor).toBeGreaterThan(-1);
    const activeUsers = (await h.deps.users.list()).filter((u) => !u.disabled).length;
    expect(page).toContain(`${activeUsers} actieve gebruikers.`);
    expect(page).toContain('U heeft nog geen bezorgrondes.');
  });
});
