import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Acting } from '../../../functions/app/audit.js';
import { exportCaseAuditCsv } from '../../../functions/app/campaign-audit.js';
import {
  approveCampaign,
  createCampaignFromBlueprint,
  editCampaign,
  getCampaign,
  listApprovalQueue,
  rejectCampaign,
  submitCampaign,
  withdrawApproval,
} from '../../../functions/app/campaigns.js';
import { createCase, listCases } from '../../../functions/app/cases.js';
import { addToDoNotContact, uploadContactFiles } from '../../../functions/app/contact-files.js';
import { applyCampaignExclusions, removeContactUpload } from '../../../functions/app/contact-uploads.js';
import type { AppDeps } from '../../../functions/app/deps.js';
import { exclusionListCounts } from '../../../functions/app/exclusion-lists.js';
import { type Role, RoleSchema } from '../../../functions/core/auth/roles.js';
import { isDomainError } from '../../../functions/core/errors.js';
import { csvOf, mobile } from '../../fixtures/sms-builders.js';
import { personWith, preparedCampaign, runtimeWithClock } from './sms-support.js';

type Setup = 'none' | 'draft' | 'submitted' | 'approved';

interface Action {
  name: string;
  setup: Setup;
  allowed: readonly Role[];
  run(deps: AppDeps, acting: Acting, campaignId: string): Promise<unknown>;
}

const LEGAL = '13/654321-22';

/** Every action of the SMS-bom flow with the roles the product brief gives it; everyone else is refused. */
const ACTIONS: readonly Action[] = [
  {
    name: 'create a case',
    setup: 'none',
    allowed: ['adviser', 'area_manager'],
    run: (deps, a) =>
      createCase(deps, a, {
        name: 'Zaak',
        actionDate: '2026-03-01',
        municipality: 'Utrecht',
        areaDescription: 'Wijk',
      }),
  },
  {
    name: 'list cases',
    setup: 'none',
    allowed: ['adviser', 'om_liaison', 'area_manager', 'admin'],
    run: (deps, a) => listCases(deps, a),
  },
  {
    name: 'create an SMS campaign from a blueprint',
    setup: 'draft',
    allowed: ['adviser'],
    run: async (deps, a, id) =>
      createCampaignFromBlueprint(deps, a, {
        caseId: (await deps.campaigns.get(id))!.caseId,
        blueprintId: 'sms-bom-straathandel',
        name: 'Tweede',
      }),
  },
  {
    name: 'view a campaign',
    setup: 'draft',
    allowed: ['adviser', 'om_liaison', 'admin'],
    run: (deps, a, id) => getCampaign(deps, a, id),
  },
  {
    name: 'edit variants',
    setup: 'draft',
    allowed: ['adviser'],
    run: (deps, a, id) =>
      editCampaign(deps, a, id, { variants: [{ id: 'v1', label: '', text: 'Hulp? {link}' }] }),
  },
  {
    name: 'upload contact files',
    setup: 'draft',
    allowed: ['adviser'],
    run: (deps, a, id) =>
      uploadContactFiles(deps, a, id, {
        source: 'telefoon 2',
        files: [{ name: 'b.csv', bytes: new TextEncoder().encode(csvOf([mobile(9)])) }],
      }),
  },
  {
    name: 'remove an upload',
    setup: 'draft',
    allowed: ['adviser'],
    run: async (deps, a, id) => removeContactUpload(deps, a, id, (await deps.contactUploads.list(id))[0]!.id),
  },
  {
    name: 'apply exclusions',
    setup: 'draft',
    allowed: ['adviser'],
    run: (deps, a, id) => applyCampaignExclusions(deps, a, id),
  },
  {
    name: 'submit for approval',
    setup: 'draft',
    allowed: ['adviser'],
    run: (deps, a, id) => submitCampaign(deps, a, id),
  },
  {
    name: 'see the approval queue',
    setup: 'none',
    allowed: ['om_liaison'],
    run: (deps, a) => listApprovalQueue(deps, a),
  },
  {
    name: 'approve',
    setup: 'submitted',
    allowed: ['om_liaison'],
    run: async (deps, a, id) =>
      approveCampaign(deps, a, id, {
        requestFingerprint: (await deps.campaigns.get(id))!.approvalRequest!.fingerprint,
        legalReference: LEGAL,
        confirmed: true,
      }),
  },
  {
    name: 'reject',
    setup: 'submitted',
    allowed: ['om_liaison'],
    run: async (deps, a, id) =>
      rejectCampaign(deps, a, id, {
        requestFingerprint: (await deps.campaigns.get(id))!.approvalRequest!.fingerprint,
        reason: 'Tekst aanpassen',
      }),
  },
  {
    name: 'withdraw an approval',
    setup: 'approved',
    allowed: ['om_liaison'],
    run: (deps, a, id) => withdrawApproval(deps, a, id, { reason: 'Onderzoek loopt nog' }),
  },
  {
    name: 'export the campaign audit trail',
    setup: 'draft',
    allowed: ['adviser', 'om_liaison', 'admin'],
    run: async (deps, a, id) =>
      exportCaseAuditCsv(deps, a, { caseId: (await deps.campaigns.get(id))!.caseId, campaignId: id }),
  },
  {
    name: 'add to the do-not-contact list',
    setup: 'none',
    allowed: ['admin'],
    run: (deps, a) => addToDoNotContact(deps, a, { text: mobile(77) }),
  },
  {
    name: 'see exclusion list counts',
    setup: 'none',
    allowed: ['admin'],
    run: (deps, a) => exclusionListCounts(deps, a),
  },
];

describe('role × action matrix of the SMS-bom use cases', () => {
  let env: Awaited<ReturnType<typeof runtimeWithClock>>;
  let preparer: Acting;
  let approver: Acting;
  const people = new Map<Role, Acting>();
  beforeAll(async () => {
    env = await runtimeWithClock();
    preparer = await personWith(env.deps, 'voorbereider', ['adviser']);
    approver = await personWith(env.deps, 'beoordelaar', ['om_liaison']);
    for (const role of RoleSchema.options)
      people.set(role, await personWith(env.deps, `rol-${role.replace('_', '-')}`, [role]));
  });
  afterAll(async () => env.close());

  async function setUp(setup: Setup): Promise<string> {
    if (setup === 'none') return '';
    const id = await preparedCampaign(env.deps, preparer);
    if (setup === 'draft') return id;
    await submitCampaign(env.deps, preparer, id);
    if (setup === 'submitted') return id;
    await approveCampaign(env.deps, approver, id, {
      requestFingerprint: (await env.deps.campaigns.get(id))!.approvalRequest!.fingerprint,
      legalReference: LEGAL,
      confirmed: true,
    });
    return id;
  }

  for (const action of ACTIONS) {
    it(`${action.name}: allowed for ${action.allowed.join(', ')} only`, async () => {
      const outcomes: string[] = [];
      for (const role of RoleSchema.options) {
        // Prepare
        const campaignId = await setUp(action.setup);

        // Act
        let outcome: 'allowed' | 'forbidden' | string;
        try {
          await action.run(env.deps, people.get(role)!, campaignId);
          outcome = 'allowed';
        } catch (error) {
          outcome =
            isDomainError(error) && error.kind === 'forbidden' ? 'forbidden' : `failed: ${String(error)}`;
        }

        // Assess
        outcomes.push(`${role}: ${outcome}`);
      }
      expect(outcomes).toEqual(
        RoleSchema.options.map(
          (role) => `${role}: ${action.allowed.includes(role) ? 'allowed' : 'forbidden'}`,
        ),
      );
    });
  }
});
