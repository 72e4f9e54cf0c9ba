import type { Acting } from '../../../functions/app/audit.js';
import { systemActing } from '../../../functions/app/audit.js';
import { runCampaignAction } from '../../../functions/app/campaign-commit.js';
import { createCampaignFromBlueprint } from '../../../functions/app/campaigns.js';
import { createCase } from '../../../functions/app/cases.js';
import { uploadContactFiles } from '../../../functions/app/contact-files.js';
import type { AppDeps } from '../../../functions/app/deps.js';
import { createUser } from '../../../functions/app/users.js';
import type { Role } from '../../../functions/core/auth/roles.js';
import { defaultSettings } from '../../../functions/core/settings/settings.schema.js';
import { startLocalRuntime } from '../../../functions/local/runtime.js';
import { csvOf, mobile } from '../../fixtures/sms-builders.js';

/** A person with these roles, acting in the first of them. */
export async function personWith(deps: AppDeps, username: string, roles: Role[]): Promise<Acting> {
  const { user } = await createUser(deps, systemActing('test'), {
    username,
    displayName: username,
    roles,
    password: 'een lang testwachtwoord',
  });
  return { actor: { userId: user.id, username: user.username, roles: user.roles }, role: roles[0]! };
}

/** The embedded store in memory with default settings, and a clock the test controls. */
export async function runtimeWithClock(start = Date.now()) {
  let now = start;
  const runtime = await startLocalRuntime({ clock: { now: () => new Date(now) }, logLevel: 'ERROR' });
  await runtime.deps.settings.put(defaultSettings('Teststad'));
  return {
    deps: runtime.deps,
    close: runtime.close,
    advance: (ms: number) => {
      now += ms;
    },
    now: () => new Date(now),
  };
}

/** A case with one SMS campaign in draft, prepared by `preparer`. */
export async function draftCampaign(deps: AppDeps, preparer: Acting): Promise<string> {
  const found = await createCase(deps, preparer, {
    name: 'Bazooka',
    actionDate: '2026-03-01',
    municipality: 'Utrecht',
    areaDescription: 'Kanaleneiland',
  });
  const campaign = await createCampaignFromBlueprint(deps, preparer, {
    caseId: found.id,
    blueprintId: 'sms-bom-straathandel',
    name: 'SMS-bom Bazooka',
  });
  return campaign.id;
}

/** Uploads a few numbers and sets a planned window: the campaign can be submitted. */
export async function preparedCampaign(
  deps: AppDeps,
  preparer: Acting,
  numbers = [1, 2, 3],
): Promise<string> {
  const id = await draftCampaign(deps, preparer);
  await uploadContactFiles(deps, preparer, id, {
    source: 'telefoon 1',
    files: [{ name: 'a.csv', bytes: new TextEncoder().encode(csvOf(numbers.map(mobile))) }],
  });
  const now = deps.clock.now().getTime();
  await runCampaignAction(deps, preparer, id, {
    type: 'edit',
    changes: {
      plannedWindow: {
        from: new Date(now + 3_600_000).toISOString(),
        until: new Date(now + 5 * 86_400_000).toISOString(),
      },
    },
  });
  return id;
}
