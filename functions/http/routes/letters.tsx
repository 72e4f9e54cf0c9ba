import type { Context, Hono } from 'hono';
import { raw } from 'hono/html';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Acting } from '../../app/audit.js';
import {
  approveCampaign,
  createCampaignFromBlueprint,
  editCampaign,
  rejectCampaign,
} from '../../app/campaigns.js';
import { createCase, possibleResponsibles } from '../../app/cases.js';
import type { AppDeps } from '../../app/deps.js';
import { distributionCsv, distributionOverview, planDistributionRound } from '../../app/distribution.js';
import { startLetterJob } from '../../app/jobs.js';
import {
  areaOverview,
  chooseStreets,
  DEFAULT_RADIUS_M,
  resolveLocations,
  selectArea,
  suggestAddresses,
} from '../../app/letter-areas.js';
import { loadLetterCampaign, requireSelection } from '../../app/letter-campaign.js';
import { letterPreview, saveLetterText, submitLetter } from '../../app/letter-content.js';
import { renderLetters } from '../../app/letters.js';
import { getSettings } from '../../app/settings.js';
import type { Campaign } from '../../core/campaigns/campaign.schema.js';
import { isDomainError } from '../../core/errors.js';
import { streetKey } from '../../core/letters/address.schema.js';
import type { LetterSelection } from '../../core/letters/letter-records.schema.js';
import { actingOf, route } from '../access.js';
import type { AppEnv } from '../env.js';
import { statusOf } from '../errors.js';
import { page } from '../responses.js';
import { areaMapSvg, COVERAGE_LEGEND, MAP_LEGEND, mapViewport, pixelToPoint } from '../views/area-map.js';
import { COVERAGE_LABELS, CoverageSummary } from '../views/coverage.js';
import { CheckboxField, TextField } from '../views/fields.js';
import { CsrfField } from '../views/layout.js';
import {
  formatDate,
  formatDateTime,
  Legend,
  LetterSteps,
  Messages,
  parseStreetValue,
  RoundTable,
  streetValue,
} from '../views/letters.js';
import { ResponsibleManagerField } from '../views/responsible-field.js';
import { StatusBadge } from '../views/sms-views.js';
import { VoidConfirmation } from '../views/void-confirmation.js';
import { distributionRoutes } from './distribution.js';
import { letterAssetRoutes } from './letter-assets.js';

type C = Context<AppEnv>;
type Form = Record<string, string | File | (string | File)[]>;

function param(c: C, name: string): string {
  return c.req.param(name) ?? '';
}

function origin(c: C): string {
  return new URL(c.req.url).origin;
}

function text(form: Form, name: string): string {
  const value = form[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : '';
}

function texts(form: Form, name: string): string[] {
  const value = form[name];
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter(
    (v): v is string => typeof v === 'string',
  );
}

function errorMessage(error: unknown): string {
  if (isDomainError(error)) return error.userMessage;
  throw error;
}

function parseNumber(value: string): number {
  const normalised = value.trim().replace(',', '.');
  return normalised === '' ? Number.NaN : Number(normalised);
}

async function letterCampaigns(deps: AppDeps): Promise<Campaign[]> {
  const cases = await deps.cases.list();
  const lists = await Promise.all(cases.map((k) => deps.campaigns.listByCase(k.id)));
  return lists
    .flat()
    .filter((c) => c.kind === 'letter')
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

const STATUS_NOTICES: Record<string, string> = {
  goedgekeurd: 'Het wijkbericht is goedgekeurd. De brieven kunnen nu gemaakt worden.',
  afgewezen: 'Het wijkbericht is afgewezen; de voorbereider ziet uw reden.',
  gebied: 'Het gebied is opgeslagen.',
  straten: 'De straatkeuze is opgeslagen.',
  aangeboden: 'Het wijkbericht is ter goedkeuring aangeboden.',
  tekst: 'De brieftekst is opgeslagen.',
  'tekst-ongeldig':
    'De brieftekst is opgeslagen. De eerdere goedkeuring is daardoor ongeldig: bied het wijkbericht opnieuw ter goedkeuring aan.',
  gemaakt: 'De brieven zijn gemaakt.',
  ronde: 'De bezorgronde is gepland.',
};

/**
 * The area manager's letter pages (campaigns, area and streets, approval, letters, distribution), and with
 * them the distributor's pages, the public web version and the pages' enhancement script.
 */
export function letterRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  letterAssetRoutes(app);
  distributionRoutes(app, deps);
  route(app, 'get', '/wijkberichten', 'letters.prepare', async (c) => listPage(c, deps));
  route(app, 'post', '/wijkberichten', 'letters.prepare', async (c) => {
    const form = await c.req.parseBody();
    try {
      const campaign = await createCampaignFromBlueprint(deps, actingOf(c), {
        caseId: text(form, 'caseId'),
        blueprintId: text(form, 'blueprintId'),
        name: text(form, 'name'),
      });
      return c.redirect(`/wijkberichten/${campaign.id}/gebied`, 303);
    } catch (error) {
      return listPage(c, deps, errorMessage(error), statusOf(error));
    }
  });
  route(app, 'post', '/wijkberichten/zaken', 'letters.prepare', async (c) => {
    const form = await c.req.parseBody();
    try {
      const settings = await getSettings(deps);
      await createCase(deps, actingOf(c), {
        name: text(form, 'name'),
        actionDate: text(form, 'actionDate'),
        municipality: settings.municipality,
        areaDescription: text(form, 'areaDescription'),
        responsibleUserId: text(form, 'responsibleUserId'),
      });
      return c.redirect('/wijkberichten?klaar=zaak', 303);
    } catch (error) {
      return listPage(c, deps, errorMessage(error), statusOf(error));
    }
  });

  route(app, 'get', '/wijkberichten/adressen', 'letters.prepare', async (c) => {
    const suggestions = await suggestAddresses(deps, actingOf(c), c.req.query('q') ?? '');
    return c.json({ suggestions: suggestions.map((s) => ({ id: s.id, label: s.label })) });
  });

  route(app, 'get', '/wijkberichten/:id', 'letters.prepare', async (c) => overviewPage(c, deps));
  route(app, 'post', '/wijkberichten/:id/aanbieden', 'letters.prepare', async (c) => {
    const id = param(c, 'id');
    const form = await c.req.parseBody();
    try {
      await loadLetterCampaign(deps, actingOf(c), id);
      const from = text(form, 'from');
      const until = text(form, 'until');
      const window = {
        from: new Date(`${from}T00:00:00`).toISOString(),
        until: new Date(`${until}T23:59:00`).toISOString(),
      };
      if (Number.isNaN(Date.parse(`${from}T00:00:00`)) || Number.isNaN(Date.parse(`${until}T00:00:00`))) {
        return overviewPage(c, deps, 'Vul de eerste en de laatste bezorgdag in.', 422);
      }
      await submitLetter(deps, actingOf(c), {
        campaignId: id,
        plannedWindow: window,
        ...(typeof form.zaaktekst === 'string' ? { caseText: form.zaaktekst } : {}),
      });
      return c.redirect(`/wijkberichten/${id}?klaar=aangeboden`, 303);
    } catch (error) {
      return overviewPage(c, deps, errorMessage(error), statusOf(error));
    }
  });

  for (const [path, decide] of [
    [
      'goedkeuren',
      (acting: Acting, id: string, form: Form, fingerprint: string) =>
        approveCampaign(deps, acting, id, {
          requestFingerprint: fingerprint,
          legalReference: text(form, 'legalReference'),
          confirmed: form.confirmed === 'ja',
          namesNobody: form.namesNobody === 'ja',
        }),
    ],
    [
      'afwijzen',
      (acting: Acting, id: string, form: Form, fingerprint: string) =>
        rejectCampaign(deps, acting, id, { requestFingerprint: fingerprint, reason: text(form, 'reason') }),
    ],
  ] as const) {
    route(app, 'post', `/wijkberichten/:id/${path}`, 'letters.prepare', async (c) => {
      const id = param(c, 'id');
      const form = await c.req.parseBody();
      try {
        await loadLetterCampaign(deps, actingOf(c), id);
        // The fingerprint the decider's page showed: a request changed since then is refused, not decided.
        await decide(actingOf(c), id, form, text(form, 'fingerprint'));
        return c.redirect(
          `/wijkberichten/${id}?klaar=${path === 'goedkeuren' ? 'goedgekeurd' : 'afgewezen'}`,
          303,
        );
      } catch (error) {
        return overviewPage(c, deps, errorMessage(error), statusOf(error));
      }
    });
  }

  route(app, 'post', '/wijkberichten/:id/tekst', 'letters.prepare', async (c) => {
    const id = param(c, 'id');
    const form = await c.req.parseBody();
    const caseText = text(form, 'zaaktekst');
    try {
      const result = await saveLetterText(deps, actingOf(c), {
        campaignId: id,
        caseText,
        confirmVoid: text(form, 'bevestig') === '1',
      });
      if (result.kind === 'confirm') {
        return page(
          c,
          'Wijziging bevestigen',
          <VoidConfirmation
            csrf={c.get('csrfToken')}
            action={`/wijkberichten/${id}/tekst`}
            cancel={`/wijkberichten/${id}`}
            what={result.voids === 'approval' ? 'de goedkeuring' : 'de aanvraag tot goedkeuring'}
            name={result.campaign.name}
            fields={{ zaaktekst: caseText }}
          />,
          409,
        );
      }
      return c.redirect(
        `/wijkberichten/${id}?klaar=${result.kind === 'saved' && result.voided ? 'tekst-ongeldig' : 'tekst'}`,
        303,
      );
    } catch (error) {
      return overviewPage(c, deps, errorMessage(error), statusOf(error), caseText);
    }
  });

  route(app, 'get', '/wijkberichten/:id/gebied', 'letters.prepare', async (c) => areaPage(c, deps));
  route(app, 'post', '/wijkberichten/:id/gebied', 'letters.prepare', async (c) => {
    const id = param(c, 'id');
    const form = await c.req.parseBody({ all: true });
    const ask = await voidConfirmation(c, deps, id, form, 'gebied', true);
    if (ask) return ask;
    try {
      const points = await resolveLocations(deps, actingOf(c), texts(form, 'locatie'));
      await saveArea(deps, actingOf(c), id, {
        points,
        radiusM: parseNumber(text(form, 'straal')),
        residentialOnly: text(form, 'woonadressen') !== 'nee',
      });
      return c.redirect(`/wijkberichten/${id}/gebied?klaar=gebied`, 303);
    } catch (error) {
      return areaPage(c, deps, errorMessage(error), statusOf(error), form);
    }
  });
  route(app, 'post', '/wijkberichten/:id/kaartpunt', 'letters.prepare', async (c) => {
    const id = param(c, 'id');
    const form = await c.req.parseBody();
    try {
      const selection = await requireSelection(deps, id);
      const { around } = await areaOverview(deps, actingOf(c), id);
      const view = mapViewport(selection.points, selection.radiusM, around);
      const point = pixelToPoint(
        view,
        parseNumber(text(form, 'kaart.x')),
        parseNumber(text(form, 'kaart.y')),
      );
      if (!Number.isFinite(point.lat) || !Number.isFinite(point.lon)) {
        return areaPage(c, deps, 'Klik op de kaart om een locatie toe te voegen.', 422);
      }
      await saveArea(deps, actingOf(c), id, {
        points: [...selection.points, { ...point, label: 'Punt op de kaart' }],
        radiusM: selection.radiusM,
        residentialOnly: selection.residentialOnly,
      });
      return c.redirect(`/wijkberichten/${id}/gebied?klaar=gebied`, 303);
    } catch (error) {
      return areaPage(c, deps, errorMessage(error), statusOf(error));
    }
  });
  route(app, 'post', '/wijkberichten/:id/straten', 'letters.prepare', async (c) => {
    const id = param(c, 'id');
    const form = await c.req.parseBody({ all: true });
    try {
      const streets = texts(form, 'straat').map(parseStreetValue);
      if (streets.some((s) => s === undefined)) {
        return areaPage(c, deps, 'Onbekende straat in het formulier. Laad de pagina opnieuw.', 422);
      }
      const version = Number.parseInt(text(form, 'versie'), 10);
      if (!Number.isSafeInteger(version)) {
        return areaPage(c, deps, 'Het formulier is onvolledig verzonden. Laad de pagina opnieuw.', 422);
      }
      const current = await deps.letterSelections.get(id);
      const changed =
        current === undefined ||
        current.mode !== (text(form, 'modus') === 'within_radius' ? 'within_radius' : 'whole_streets') ||
        streets
          .map((s) => streetKey(s!))
          .sort()
          .join('|') !== current.streets.map(streetKey).sort().join('|');
      const ask = await voidConfirmation(c, deps, id, form, 'straten', changed);
      if (ask) return ask;
      const selection = await chooseStreets(deps, actingOf(c), {
        campaignId: id,
        streets: streets.filter((s) => s !== undefined),
        mode: text(form, 'modus') === 'within_radius' ? 'within_radius' : 'whole_streets',
        version,
      });
      await syncRecipients(deps, actingOf(c), selection);
      return c.redirect(`/wijkberichten/${id}/gebied?klaar=straten`, 303);
    } catch (error) {
      return areaPage(c, deps, errorMessage(error), statusOf(error));
    }
  });
  route(app, 'get', '/wijkberichten/:id/kaart.svg', 'letters.prepare', async (c) => {
    const id = param(c, 'id');
    await loadLetterCampaign(deps, actingOf(c), id);
    const { selection, letters, around } = await areaOverview(deps, actingOf(c), id);
    if (!selection) return c.body('', 404);
    const coverageView = c.req.query('weergave') === 'dekking';
    const overview = coverageView ? await distributionOverview(deps, id) : undefined;
    const svg = areaMapSvg({
      view: mapViewport(selection.points, selection.radiusM, around),
      points: selection.points,
      radiusM: selection.radiusM,
      around,
      letters,
      streetStatus: overview ? new Map(overview.streets.map((s) => [streetKey(s), s.status])) : undefined,
      title: coverageView ? 'Kaart van de bezorging per straat' : 'Kaart van het gebied',
    });
    return c.body(svg, 200, { 'content-type': 'image/svg+xml; charset=utf-8', 'cache-control': 'no-store' });
  });

  route(app, 'get', '/wijkberichten/:id/brieven', 'letters.prepare', async (c) => lettersPage(c, deps));
  route(app, 'post', '/wijkberichten/:id/brieven', 'letters.prepare', async (c) => {
    const id = param(c, 'id');
    const form = await c.req.parseBody();
    try {
      await renderLetters(deps, actingOf(c), {
        campaignId: id,
        mode: text(form, 'modus') === 'unaddressed' ? 'unaddressed' : 'addressed',
        ...(typeof form.zaaktekst === 'string' ? { caseText: form.zaaktekst } : {}),
        baseUrl: origin(c),
      });
      return c.redirect(`/wijkberichten/${id}/brieven?klaar=gemaakt`, 303);
    } catch (error) {
      return lettersPage(c, deps, errorMessage(error), statusOf(error), text(form, 'zaaktekst'));
    }
  });
  // The print view and the PDF are jobs: thousands of letters take longer than a request may, and are
  // larger than a response may be. The page of the job shows its progress and then offers the file.
  for (const [path, kind] of [
    ['print', 'letters_print'],
    ['pdf', 'letters_pdf'],
  ] as const) {
    route(app, 'post', `/wijkberichten/:id/brieven/:batchId/${path}`, 'letters.prepare', async (c) => {
      const job = await startLetterJob(deps, actingOf(c), {
        campaignId: param(c, 'id'),
        batchId: param(c, 'batchId'),
        kind,
        baseUrl: origin(c),
      });
      return c.redirect(`/taken/${job.id}`, 303);
    });
  }

  route(app, 'get', '/wijkberichten/:id/bezorging', 'letters.prepare', async (c) =>
    distributionPage(c, deps),
  );
  route(app, 'post', '/wijkberichten/:id/rondes', 'letters.prepare', async (c) => {
    const id = param(c, 'id');
    const form = await c.req.parseBody({ all: true });
    try {
      const streets = texts(form, 'straat').map(parseStreetValue);
      await planDistributionRound(deps, actingOf(c), {
        campaignId: id,
        date: text(form, 'datum'),
        from: text(form, 'van'),
        to: text(form, 'tot'),
        team: texts(form, 'team'),
        streets: streets.filter((s) => s !== undefined),
      });
      return c.redirect(`/wijkberichten/${id}/bezorging?klaar=ronde`, 303);
    } catch (error) {
      return distributionPage(c, deps, errorMessage(error), statusOf(error));
    }
  });
  route(app, 'get', '/wijkberichten/:id/verspreidlijst.csv', 'letters.prepare', async (c) => {
    const id = param(c, 'id');
    await loadLetterCampaign(deps, actingOf(c), id);
    const csv = await distributionCsv(deps, actingOf(c), { campaignId: id });
    return c.body(csv, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="verspreidlijst.csv"',
      'cache-control': 'no-store',
    });
  });
  route(app, 'get', '/wijkberichten/:id/verspreidlijst', 'letters.prepare', async (c) => {
    const { campaign } = await loadLetterCampaign(deps, actingOf(c), param(c, 'id'));
    const { rounds } = await distributionOverview(deps, campaign.id);
    return page(
      c,
      'Verspreidlijst',
      <>
        <h1 class="utrecht-heading-1">Verspreidlijst: {campaign.name}</h1>
        {rounds.length === 0 ? (
          <p class="utrecht-paragraph">Er zijn nog geen bezorgrondes gepland.</p>
        ) : (
          rounds.map((round) => (
            <section class="print-round">
              <h2 class="utrecht-heading-2">
                Ronde {formatDate(round.date)}, {round.timeSlot.from}–{round.timeSlot.to}
              </h2>
              <RoundTable round={round} caption="Straten in looproute" />
            </section>
          ))
        )}
      </>,
    );
  });

  async function saveArea(
    deps: AppDeps,
    acting: Acting,
    campaignId: string,
    input: Omit<Parameters<typeof selectArea>[2], 'campaignId'>,
  ): Promise<void> {
    const selection = await selectArea(deps, acting, { campaignId, ...input });
    await syncRecipients(deps, acting, selection);
  }
}

/** Statuses in which a change of area or streets voids a request or an approval. */
const VOIDING: readonly Campaign['status'][] = ['ready_for_approval', 'approved', 'scheduled'];

/**
 * The confirmation step before a change of area or streets that voids an approval or request: the same form
 * again with `bevestig=1`. Undefined when nothing would be voided or the user already confirmed.
 */
async function voidConfirmation(
  c: C,
  deps: AppDeps,
  campaignId: string,
  form: Form,
  path: 'gebied' | 'straten',
  changed: boolean,
): Promise<Response | undefined> {
  if (!changed || text(form, 'bevestig') === '1') return undefined;
  const { campaign } = await loadLetterCampaign(deps, actingOf(c), campaignId);
  if (!VOIDING.includes(campaign.status)) return undefined;
  const fields: Record<string, string[]> = {};
  for (const name of Object.keys(form)) {
    if (name !== '_csrf' && name !== 'bevestig') fields[name] = texts(form, name);
  }
  return page(
    c,
    'Wijziging bevestigen',
    <VoidConfirmation
      csrf={c.get('csrfToken')}
      action={`/wijkberichten/${campaignId}/${path}`}
      cancel={`/wijkberichten/${campaignId}/gebied`}
      what={campaign.approval === null ? 'de aanvraag tot goedkeuring' : 'de goedkeuring'}
      name={campaign.name}
      fields={fields}
    />,
    409,
  );
}

/**
 * Binds the campaign's approval to the selection: the address fingerprint and counts become the campaign's
 * recipient set, so any change of area or streets voids an earlier approval through the campaign's own
 * state machine.
 */
async function syncRecipients(deps: AppDeps, acting: Acting, selection: LetterSelection): Promise<void> {
  const campaign = await deps.campaigns.get(selection.campaignId);
  if (!campaign || campaign.recipients.fingerprint === selection.addressesFingerprint) return;
  const onStreets = selection.rows.reduce((sum, r) => sum + r.on_street, 0);
  await editCampaign(deps, acting, selection.campaignId, {
    recipients: {
      fingerprint: selection.addressesFingerprint,
      counts: {
        imported: Math.max(onStreets, selection.letterCount),
        valid: selection.letterCount,
        sendable: selection.letterCount,
        excluded: {},
      },
    },
  });
}

async function listPage(c: C, deps: AppDeps, error?: string, status: ContentfulStatusCode = 200) {
  const [campaigns, cases, blueprints, colleagues] = await Promise.all([
    letterCampaigns(deps),
    deps.cases.list(),
    deps.blueprints.list(),
    possibleResponsibles(deps),
  ]);
  const letterBlueprints = blueprints.filter((b) => b.kind === 'letter');
  const caseNames = new Map(cases.map((k) => [k.id, k.name]));
  const csrf = c.get('csrfToken');
  return page(
    c,
    'Wijkberichten',
    <>
      <h1 class="utrecht-heading-1">Wijkberichten</h1>
      <Messages
        error={error}
        notice={c.req.query('klaar') === 'zaak' ? 'De zaak is aangemaakt.' : undefined}
      />
      <p class="utrecht-paragraph">
        Brieven aan de bewoners rond een aanhouding: kies het gebied, laat het wijkbericht goedkeuren, maak de
        brieven en plan de bezorging.
      </p>
      {campaigns.length === 0 ? (
        <p class="utrecht-paragraph">
          Er zijn nog geen wijkberichten. Begin hieronder met een nieuw wijkbericht.
        </p>
      ) : (
        <table class="utrecht-table">
          <caption class="utrecht-table__caption">Alle wijkberichten</caption>
          <thead>
            <tr>
              <th scope="col">Wijkbericht</th>
              <th scope="col">Zaak</th>
              <th scope="col">Status</th>
              <th scope="col">Gewijzigd</th>
            </tr>
          </thead>
          <tbody>
            {campaigns.map((campaign) => (
              <tr>
                <td>
                  <a class="utrecht-link" href={`/wijkberichten/${campaign.id}`}>
                    {campaign.name}
                  </a>
                </td>
                <td>{caseNames.get(campaign.caseId) ?? ''}</td>
                <td>
                  <StatusBadge status={campaign.status} />
                </td>
                <td>{formatDateTime(campaign.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2 class="utrecht-heading-2">Nieuw wijkbericht</h2>
      {cases.length === 0 ? (
        <p class="utrecht-paragraph">Maak eerst een zaak aan voor de politieactie.</p>
      ) : (
        <form method="post" action="/wijkberichten" class="utrecht-form">
          <CsrfField token={csrf} />
          <div class="utrecht-form-field">
            <label class="utrecht-form-label" for="wb-zaak">
              Zaak
            </label>
            <select class="utrecht-select utrecht-select--html-select" id="wb-zaak" name="caseId" required>
              {cases.map((k) => (
                <option value={k.id}>
                  {k.name} ({k.actionDate})
                </option>
              ))}
            </select>
          </div>
          <div class="utrecht-form-field">
            <label class="utrecht-form-label" for="wb-sjabloon">
              Soort brief
            </label>
            <select
              class="utrecht-select utrecht-select--html-select"
              id="wb-sjabloon"
              name="blueprintId"
              required
            >
              {letterBlueprints.map((b) => (
                <option value={b.id}>{b.title}</option>
              ))}
            </select>
          </div>
          <div class="utrecht-form-field">
            <label class="utrecht-form-label" for="wb-naam">
              Naam (optioneel)
            </label>
            <input
              class="utrecht-textbox utrecht-textbox--html-input"
              id="wb-naam"
              name="name"
              maxlength={120}
            />
          </div>
          <button type="submit" class="utrecht-button utrecht-button--primary-action">
            Wijkbericht aanmaken
          </button>
        </form>
      )}
      <h2 class="utrecht-heading-2">Nieuwe zaak</h2>
      <form method="post" action="/wijkberichten/zaken" class="utrecht-form">
        <CsrfField token={csrf} />
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for="zaak-naam">
            Naam van de zaak (codenaam, nooit de naam van een verdachte)
          </label>
          <input class="utrecht-textbox utrecht-textbox--html-input" id="zaak-naam" name="name" required />
        </div>
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for="zaak-datum">
            Datum van de actie
          </label>
          <input
            class="utrecht-textbox utrecht-textbox--html-input"
            id="zaak-datum"
            name="actionDate"
            type="date"
            required
          />
        </div>
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for="zaak-gebied">
            Gebied zoals bewoners het kennen
          </label>
          <input
            class="utrecht-textbox utrecht-textbox--html-input"
            id="zaak-gebied"
            name="areaDescription"
            required
          />
        </div>
        <ResponsibleManagerField colleagues={colleagues} selected={c.get('user')?.id ?? ''} />
        <button type="submit" class="utrecht-button utrecht-button--secondary-action">
          Zaak aanmaken
        </button>
      </form>
    </>,
    status,
  );
}

/**
 * The responsible manager's decision on a submitted letter campaign: the rendered letter as it will be
 * printed (the first addressed letter and the unaddressed one) next to the request's fingerprint, then
 * approve with a reference and two confirmations, or reject.
 */
const LetterDecision = (props: {
  campaignId: string;
  csrf: string;
  letterCount: number;
  fingerprint: string;
  preview: string[] | undefined;
}) => (
  <>
    <p class="utrecht-paragraph">
      U bent de verantwoordelijke manager van deze zaak. Controleer het gebied, de {props.letterCount}{' '}
      adressen en de brief zoals die geprint en op de webversie gepubliceerd wordt, en beslis.
    </p>
    <section class="letter-preview" aria-labelledby="voorbeeld-kop">
      <h3 class="utrecht-heading-3" id="voorbeeld-kop">
        De brief die u goedkeurt
      </h3>
      <p class="utrecht-paragraph">
        Vingerafdruk (SHA-256) van precies deze brief, deze adressen en deze gegevens:{' '}
        <code class="fingerprint" data-testid="vingerafdruk">
          {props.fingerprint}
        </code>
      </p>
      {props.preview === undefined ? (
        <p class="utrecht-paragraph">Er is geen voorbeeld: kies eerst de adressen.</p>
      ) : (
        props.preview.map((body, i) => (
          <figure class="letter-preview__page">
            <figcaption class="utrecht-paragraph">
              {i === 0 ? 'Eerste geadresseerde brief (in looproute)' : 'Ongeadresseerde brief'}
            </figcaption>
            <div class="brief">{raw(body)}</div>
          </figure>
        ))
      )}
    </section>
    <form method="post" action={`/wijkberichten/${props.campaignId}/goedkeuren`} class="utrecht-form">
      <CsrfField token={props.csrf} />
      <input type="hidden" name="fingerprint" value={props.fingerprint} />
      <div class="utrecht-form-field">
        <label class="utrecht-form-label" for="besluit-kenmerk">
          Kenmerk van het besluit
        </label>
        <input
          class="utrecht-textbox utrecht-textbox--html-input"
          id="besluit-kenmerk"
          name="legalReference"
          required
          maxlength={120}
        />
      </div>
      <div class="utrecht-form-field utrecht-form-field--checkbox">
        <input
          type="checkbox"
          class="utrecht-checkbox utrecht-checkbox--html-input"
          id="besluit-bevestigd"
          name="confirmed"
          value="ja"
          required
        />
        <label class="utrecht-form-label utrecht-form-label--checkbox" for="besluit-bevestigd">
          Ik heb het gebied, de adressen en de brief hierboven gecontroleerd
        </label>
      </div>
      <div class="utrecht-form-field utrecht-form-field--checkbox">
        <input
          type="checkbox"
          class="utrecht-checkbox utrecht-checkbox--html-input"
          id="besluit-niemand"
          name="namesNobody"
          value="ja"
          required
        />
        <label class="utrecht-form-label utrecht-form-label--checkbox" for="besluit-niemand">
          De brief noemt geen persoon, geen adres van een verdachte en geen naam of direct nummer van een
          medewerker
        </label>
      </div>
      <button type="submit" class="utrecht-button utrecht-button--primary-action">
        Goedkeuren
      </button>
    </form>
    <form method="post" action={`/wijkberichten/${props.campaignId}/afwijzen`} class="utrecht-form">
      <CsrfField token={props.csrf} />
      <input type="hidden" name="fingerprint" value={props.fingerprint} />
      <div class="utrecht-form-field">
        <label class="utrecht-form-label" for="besluit-reden">
          Reden van afwijzing
        </label>
        <textarea
          class="utrecht-textarea utrecht-textarea--html-textarea"
          id="besluit-reden"
          name="reason"
          rows={3}
        />
      </div>
      <button type="submit" class="utrecht-button utrecht-button--secondary-action">
        Afwijzen
      </button>
    </form>
  </>
);

async function overviewPage(
  c: C,
  deps: AppDeps,
  error?: string,
  status: ContentfulStatusCode = 200,
  typedCaseText?: string,
) {
  const { campaign, kase } = await loadLetterCampaign(deps, actingOf(c), param(c, 'id'));
  const selection = await deps.letterSelections.get(campaign.id);
  const csrf = c.get('csrfToken');
  const approved =
    campaign.approval !== null && ['approved', 'scheduled', 'sending', 'paused'].includes(campaign.status);
  const approvedCurrent =
    approved && campaign.approvalRequest?.recipientsFingerprint === selection?.addressesFingerprint;
  return page(
    c,
    campaign.name,
    <>
      <h1 class="utrecht-heading-1">{campaign.name}</h1>
      <LetterSteps campaign={campaign} current="overzicht" />
      <Messages error={error} notice={STATUS_NOTICES[c.req.query('klaar') ?? '']} />
      <dl class="facts">
        <dt>Zaak</dt>
        <dd>
          {kase.name}, actie op {formatDate(kase.actionDate)}
        </dd>
        <dt>Gebied</dt>
        <dd>{kase.areaDescription}</dd>
        <dt>Brieven</dt>
        <dd>
          {selection
            ? `${selection.letterCount} adressen in ${selection.streets.length} straten`
            : 'nog geen gebied gekozen'}
        </dd>
      </dl>
      <h2 class="utrecht-heading-2">Goedkeuring</h2>
      {approvedCurrent ? (
        <p class="utrecht-paragraph">
          Goedgekeurd tot {formatDateTime(campaign.approval!.expiresAt)}.{' '}
          <a class="utrecht-link" href={`/wijkberichten/${campaign.id}/brieven`}>
            Maak de brieven
          </a>
          .
        </p>
      ) : campaign.status === 'ready_for_approval' && kase.responsibleUserId === c.get('user')?.id ? (
        <LetterDecision
          campaignId={campaign.id}
          csrf={csrf}
          letterCount={selection?.letterCount ?? 0}
          fingerprint={campaign.approvalRequest?.fingerprint ?? ''}
          preview={
            (await letterPreview(deps, actingOf(c), { campaignId: campaign.id, baseUrl: origin(c) }))?.bodies
          }
        />
      ) : campaign.status === 'ready_for_approval' ? (
        <p class="utrecht-paragraph">
          Het wijkbericht wacht op goedkeuring door de verantwoordelijke manager van de zaak,{' '}
          {(await deps.users.get(kase.responsibleUserId))?.displayName ?? 'onbekend'} (vier ogen: niet door
          wie het voorbereidde).
        </p>
      ) : !selection ? (
        <p class="utrecht-paragraph">
          Kies eerst{' '}
          <a class="utrecht-link" href={`/wijkberichten/${campaign.id}/gebied`}>
            het gebied en de straten
          </a>
          .
        </p>
      ) : (
        <form method="post" action={`/wijkberichten/${campaign.id}/aanbieden`} class="utrecht-form">
          <CsrfField token={csrf} />
          <p class="utrecht-paragraph">
            Na goedkeuring van precies deze {selection.letterCount} adressen en deze tekst kunt u printen.
            Elke wijziging van straten of tekst maakt een goedkeuring ongeldig.
          </p>
          <div class="utrecht-form-field">
            <label class="utrecht-form-label" for="periode-van">
              Eerste bezorgdag
            </label>
            <input
              class="utrecht-textbox utrecht-textbox--html-input"
              id="periode-van"
              name="from"
              type="date"
              required
            />
          </div>
          <div class="utrecht-form-field">
            <label class="utrecht-form-label" for="periode-tot">
              Laatste bezorgdag
            </label>
            <input
              class="utrecht-textbox utrecht-textbox--html-input"
              id="periode-tot"
              name="until"
              type="date"
              required
            />
          </div>
          <button type="submit" class="utrecht-button utrecht-button--primary-action">
            Ter goedkeuring aanbieden
          </button>
        </form>
      )}
      <h2 class="utrecht-heading-2">Brieftekst</h2>
      <p class="utrecht-paragraph">
        <strong>{campaign.letter?.subject}</strong>
      </p>
      {campaign.letter?.paragraphs.map((p) => (
        <p class="utrecht-paragraph">{p}</p>
      ))}
      <form method="post" action={`/wijkberichten/${campaign.id}/tekst`} class="utrecht-form">
        <CsrfField token={csrf} />
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for="zaaktekst">
            Wat er is gebeurd (komt in de brief op de plaats van {'{{zaaktekst}}'})
          </label>
          <p class="utrecht-form-field-description" id="zaaktekst-uitleg">
            Geen namen, adressen, postcodes, telefoonnummers of e-mailadressen: de brief gaat naar alle
            bewoners en staat op een openbare webpagina. Een wijziging na goedkeuring maakt de goedkeuring
            ongeldig.
          </p>
          <textarea
            class="utrecht-textarea utrecht-textarea--html-textarea"
            id="zaaktekst"
            name="zaaktekst"
            rows={5}
            aria-describedby="zaaktekst-uitleg"
            required
          >
            {typedCaseText ?? campaign.letterSnapshot?.caseFields.caseText ?? ''}
          </textarea>
        </div>
        <button type="submit" class="utrecht-button utrecht-button--secondary-action">
          Brieftekst opslaan
        </button>
      </form>
    </>,
    status,
  );
}

async function areaPage(
  c: C,
  deps: AppDeps,
  error?: string,
  status: ContentfulStatusCode = 200,
  form?: Form,
) {
  const { campaign } = await loadLetterCampaign(deps, actingOf(c), param(c, 'id'));
  const { selection, letters } = await areaOverview(deps, actingOf(c), campaign.id);
  const settings = await getSettings(deps);
  const csrf = c.get('csrfToken');
  const typed = form ? texts(form, 'locatie') : (selection?.points.map((p) => p.label) ?? []);
  const slots = [...typed, '', ''].slice(0, Math.max(3, typed.length + 1));
  const ticked = new Set(selection?.streets.map(streetKey) ?? []);
  return page(
    c,
    'Gebied en straten',
    <>
      <h1 class="utrecht-heading-1">Gebied en straten</h1>
      <LetterSteps campaign={campaign} current="gebied" />
      <Messages error={error} notice={STATUS_NOTICES[c.req.query('klaar') ?? '']} />
      <form method="post" action={`/wijkberichten/${campaign.id}/gebied`} class="utrecht-form area-form">
        <CsrfField token={csrf} />
        <fieldset class="utrecht-form-fieldset">
          <legend class="utrecht-form-fieldset__legend">Locaties van de aanhoudingen</legend>
          <p class="utrecht-paragraph muted" id="locatie-hulp">
            Een adres (straat, huisnummer, plaats) of coördinaten als breedtegraad, lengtegraad.
          </p>
          {slots.map((value, i) => (
            <div class="utrecht-form-field">
              <label class="utrecht-form-label" for={`locatie-${i + 1}`}>
                Locatie {i + 1}
              </label>
              <input
                class="utrecht-textbox utrecht-textbox--html-input"
                id={`locatie-${i + 1}`}
                name="locatie"
                value={value}
                autocomplete="off"
                aria-describedby="locatie-hulp"
                data-suggest="/wijkberichten/adressen"
                list={`locatie-${i + 1}-suggesties`}
              />
              <datalist id={`locatie-${i + 1}-suggesties`} />
            </div>
          ))}
        </fieldset>
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for="straal">
            Straal in meters (hoogstens {settings.maxRadiusMetres})
          </label>
          <input
            class="utrecht-textbox utrecht-textbox--html-input"
            id="straal"
            name="straal"
            type="number"
            min={1}
            max={settings.maxRadiusMetres}
            value={form ? text(form, 'straal') : String(selection?.radiusM ?? DEFAULT_RADIUS_M)}
            required
          />
        </div>
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for="woonadressen">
            Welke adressen
          </label>
          <select class="utrecht-select utrecht-select--html-select" id="woonadressen" name="woonadressen">
            <option value="ja" selected={selection?.residentialOnly !== false}>
              Alleen woonadressen (ook gemengd gebruik, woonboten en woonwagens)
            </option>
            <option value="nee" selected={selection?.residentialOnly === false}>
              Alle adressen, ook winkels en kantoren
            </option>
          </select>
        </div>
        <button type="submit" class="utrecht-button utrecht-button--primary-action">
          Straten zoeken
        </button>
      </form>
      {selection ? (
        <>
          <h2 class="utrecht-heading-2">Kaart</h2>
          <form method="post" action={`/wijkberichten/${campaign.id}/kaartpunt`} class="map-form">
            <CsrfField token={csrf} />
            <input
              type="image"
              name="kaart"
              class="area-map"
              src={`/wijkberichten/${campaign.id}/kaart.svg?v=${selection.version}`}
              alt="Kaart van het gebied. Klik op de kaart om daar een locatie toe te voegen."
            />
          </form>
          <Legend items={MAP_LEGEND} />
          <h2 class="utrecht-heading-2">Straten</h2>
          <form
            method="post"
            action={`/wijkberichten/${campaign.id}/straten`}
            class="utrecht-form"
            id="straten-form"
          >
            <CsrfField token={csrf} />
            <input type="hidden" name="versie" value={String(selection.version)} />
            <fieldset class="utrecht-form-fieldset">
              <legend class="utrecht-form-fieldset__legend">Welke adressen in de aangevinkte straten</legend>
              <div class="utrecht-form-field utrecht-form-field--radio">
                <input
                  type="radio"
                  class="utrecht-radio-button utrecht-radio-button--html-input"
                  id="modus-hele"
                  name="modus"
                  value="whole_streets"
                  checked={selection.mode === 'whole_streets'}
                />
                <label class="utrecht-form-label utrecht-form-label--radio" for="modus-hele">
                  Hele straten
                </label>
              </div>
              <div class="utrecht-form-field utrecht-form-field--radio">
                <input
                  type="radio"
                  class="utrecht-radio-button utrecht-radio-button--html-input"
                  id="modus-straal"
                  name="modus"
                  value="within_radius"
                  checked={selection.mode === 'within_radius'}
                />
                <label class="utrecht-form-label utrecht-form-label--radio" for="modus-straal">
                  Alleen binnen de straal
                </label>
              </div>
            </fieldset>
            <table class="utrecht-table street-table">
              <caption class="utrecht-table__caption">
                Straten met minstens één adres binnen {selection.radiusM} m
              </caption>
              <thead>
                <tr>
                  <th scope="col">Brief</th>
                  <th scope="col">Straat</th>
                  <th scope="col">Binnen straal</th>
                  <th scope="col">Hele straat</th>
                </tr>
              </thead>
              <tbody>
                {selection.rows.map((row, i) => (
                  <tr>
                    <td>
                      <input
                        type="checkbox"
                        class="utrecht-checkbox utrecht-checkbox--html-input"
                        id={`straat-${i}`}
                        name="straat"
                        value={streetValue(row)}
                        checked={ticked.has(streetKey(row))}
                        data-within={String(row.within_radius)}
                        data-street={String(row.on_street)}
                      />
                    </td>
                    <td>
                      <label for={`straat-${i}`}>
                        {row.street}, {row.city}
                      </label>
                    </td>
                    <td>{row.within_radius}</td>
                    <td>{row.on_street}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p class="utrecht-paragraph totals" aria-live="polite" id="totalen">
              Opgeslagen: <strong>{selection.letterCount}</strong> brieven in {selection.streets.length}{' '}
              straten ({letters.length} adressen).
            </p>
            <button type="submit" class="utrecht-button utrecht-button--primary-action">
              Straatkeuze opslaan
            </button>
          </form>
        </>
      ) : (
        <p class="utrecht-paragraph">
          Nog geen gebied gekozen. Vul hierboven één of meer locaties in; de straten verschijnen daarna hier
          met een kaart.
        </p>
      )}
      <script src="/assets/wijkberichten.js" defer />
    </>,
    status,
  );
}

async function lettersPage(
  c: C,
  deps: AppDeps,
  error?: string,
  status: ContentfulStatusCode = 200,
  caseText = '',
) {
  const { campaign } = await loadLetterCampaign(deps, actingOf(c), param(c, 'id'));
  const [selection, batches] = await Promise.all([
    deps.letterSelections.get(campaign.id),
    deps.letterBatches.list(campaign.id),
  ]);
  const csrf = c.get('csrfToken');
  const approvedText =
    campaign.approval === null ? undefined : campaign.approvalRequest?.letterSnapshot?.caseFields.caseText;
  return page(
    c,
    'Brieven',
    <>
      <h1 class="utrecht-heading-1">Brieven</h1>
      <LetterSteps campaign={campaign} current="brieven" />
      <Messages error={error} notice={STATUS_NOTICES[c.req.query('klaar') ?? '']} />
      {!selection ? (
        <p class="utrecht-paragraph">Kies eerst het gebied en de straten.</p>
      ) : (
        <form method="post" action={`/wijkberichten/${campaign.id}/brieven`} class="utrecht-form">
          <CsrfField token={csrf} />
          <p class="utrecht-paragraph">
            {selection.letterCount} adressen in {selection.streets.length} straten. Brieven maken kan alleen
            na goedkeuring van precies deze selectie.
          </p>
          <h2 class="utrecht-heading-2">Wat er is gebeurd</h2>
          {approvedText === undefined ? (
            <p class="utrecht-paragraph">
              Nog geen goedgekeurde tekst. Vul de tekst in op{' '}
              <a class="utrecht-link" href={`/wijkberichten/${campaign.id}`}>
                het overzicht
              </a>{' '}
              en laat het wijkbericht goedkeuren.
            </p>
          ) : (
            <>
              <blockquote class="utrecht-blockquote approved-case-text">{approvedText}</blockquote>
              <p class="utrecht-paragraph muted">
                Dit is de goedgekeurde tekst; alleen deze komt in de brieven. Wijzigen kan op{' '}
                <a class="utrecht-link" href={`/wijkberichten/${campaign.id}`}>
                  het overzicht
                </a>{' '}
                en maakt de goedkeuring ongeldig.
              </p>
              <input type="hidden" name="zaaktekst" value={caseText || approvedText} />
            </>
          )}
          <fieldset class="utrecht-form-fieldset">
            <legend class="utrecht-form-fieldset__legend">Soort brieven</legend>
            <div class="utrecht-form-field utrecht-form-field--radio">
              <input
                type="radio"
                class="utrecht-radio-button utrecht-radio-button--html-input"
                id="modus-geadresseerd"
                name="modus"
                value="addressed"
                checked
              />
              <label class="utrecht-form-label utrecht-form-label--radio" for="modus-geadresseerd">
                Geadresseerd: één brief per adres, in looproute
              </label>
            </div>
            <div class="utrecht-form-field utrecht-form-field--radio">
              <input
                type="radio"
                class="utrecht-radio-button utrecht-radio-button--html-input"
                id="modus-ongeadresseerd"
                name="modus"
                value="unaddressed"
              />
              <label class="utrecht-form-label utrecht-form-label--radio" for="modus-ongeadresseerd">
                Ongeadresseerd: per straat een voorblad met huisnummers en kopieën
              </label>
            </div>
          </fieldset>
          <button type="submit" class="utrecht-button utrecht-button--primary-action">
            Brieven maken
          </button>
        </form>
      )}
      <h2 class="utrecht-heading-2">Gemaakte brieven</h2>
      {batches.length === 0 ? (
        <p class="utrecht-paragraph">Er zijn nog geen brieven gemaakt.</p>
      ) : (
        <table class="utrecht-table">
          <caption class="utrecht-table__caption">Brievenreeksen, nieuwste eerst</caption>
          <thead>
            <tr>
              <th scope="col">Gemaakt</th>
              <th scope="col">Soort</th>
              <th scope="col">Brieven</th>
              <th scope="col">Pagina's</th>
              <th scope="col">Downloads</th>
              <th scope="col">Openen</th>
            </tr>
          </thead>
          <tbody>
            {batches.map((b) => (
              <tr>
                <td>{formatDateTime(b.createdAt)}</td>
                <td>{b.mode === 'addressed' ? 'geadresseerd' : 'ongeadresseerd'}</td>
                <td>{b.letters}</td>
                <td>{b.pages}</td>
                <td>{b.downloads}</td>
                <td class="actions">
                  <form
                    method="post"
                    action={`/wijkberichten/${campaign.id}/brieven/${b.id}/print`}
                    class="inline-form"
                  >
                    <CsrfField token={c.get('csrfToken')} />
                    <button type="submit" class="utrecht-button utrecht-button--secondary-action">
                      Printweergave maken
                      <span class="visually-hidden"> van {formatDateTime(b.createdAt)}</span>
                    </button>
                  </form>
                  <form
                    method="post"
                    action={`/wijkberichten/${campaign.id}/brieven/${b.id}/pdf`}
                    class="inline-form"
                  >
                    <CsrfField token={c.get('csrfToken')} />
                    <button type="submit" class="utrecht-button utrecht-button--secondary-action">
                      PDF maken<span class="visually-hidden"> van {formatDateTime(b.createdAt)}</span>
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>,
    status,
  );
}

async function distributionPage(c: C, deps: AppDeps, error?: string, status: ContentfulStatusCode = 200) {
  const { campaign } = await loadLetterCampaign(deps, actingOf(c), param(c, 'id'));
  const [selection, overview, users] = await Promise.all([
    deps.letterSelections.get(campaign.id),
    distributionOverview(deps, campaign.id),
    deps.users.list(),
  ]);
  const distributors = users.filter((u) => !u.disabled && u.roles.includes('distributor'));
  const planned = new Set(overview.rounds.flatMap((r) => r.streets.map(streetKey)));
  const csrf = c.get('csrfToken');
  const { letters, streetCounts } = overview;
  return page(
    c,
    'Bezorging',
    <>
      <h1 class="utrecht-heading-1">Bezorging</h1>
      <LetterSteps campaign={campaign} current="bezorging" />
      <Messages error={error} notice={STATUS_NOTICES[c.req.query('klaar') ?? '']} />
      <h2 class="utrecht-heading-2">Dekking</h2>
      {overview.streets.length === 0 ? (
        <p class="utrecht-paragraph">Nog geen straten gekozen: kies eerst het gebied.</p>
      ) : (
        <>
          <CoverageSummary letters={letters} streets={streetCounts} opens={overview.opens} />
          <img
            class="area-map"
            src={`/wijkberichten/${campaign.id}/kaart.svg?weergave=dekking`}
            alt="Kaart van de bezorging per straat; de tabel hieronder geeft dezelfde gegevens."
          />
          <Legend items={COVERAGE_LEGEND} />
          <table class="utrecht-table">
            <caption class="utrecht-table__caption">Dekking per straat</caption>
            <thead>
              <tr>
                <th scope="col">Straat</th>
                <th scope="col">Brieven</th>
                <th scope="col">Gepland</th>
                <th scope="col">Bezorgd</th>
                <th scope="col">Probleem</th>
                <th scope="col">Status</th>
                <th scope="col">Webversie geopend</th>
              </tr>
            </thead>
            <tbody>
              {overview.streets.map((s) => (
                <tr>
                  <td>
                    {s.street}, {s.city}
                  </td>
                  <td>{s.letters}</td>
                  <td>{s.planned}</td>
                  <td>{s.delivered}</td>
                  <td>{s.problems}</td>
                  <td>{COVERAGE_LABELS[s.status]}</td>
                  <td>{s.opens}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <p class="utrecht-paragraph actions">
        <a class="utrecht-link" href={`/wijkberichten/${campaign.id}/verspreidlijst`}>
          Verspreidlijst (printbaar)
        </a>
        <a class="utrecht-link" href={`/wijkberichten/${campaign.id}/verspreidlijst.csv`}>
          Verspreidlijst als CSV
        </a>
      </p>
      <h2 class="utrecht-heading-2">Rondes</h2>
      {overview.rounds.length === 0 ? (
        <p class="utrecht-paragraph">Er zijn nog geen rondes.</p>
      ) : (
        overview.rounds.map((round) => (
          <section class="card">
            <h3 class="utrecht-heading-3">
              {formatDate(round.date)}, {round.timeSlot.from}–{round.timeSlot.to}
            </h3>
            <p class="utrecht-paragraph">
              Team: {round.team.map((id) => users.find((u) => u.id === id)?.displayName ?? id).join(', ')}
            </p>
            <RoundTable round={round} caption="Straten in looproute" />
          </section>
        ))
      )}
      <h2 class="utrecht-heading-2">Ronde plannen</h2>
      {!selection || selection.streets.length === 0 ? (
        <p class="utrecht-paragraph">Kies eerst het gebied en de straten.</p>
      ) : distributors.length === 0 ? (
        <p class="utrecht-paragraph">
          Er zijn nog geen bezorgers. Vraag de beheerder accounts met de rol Bezorger aan te maken.
        </p>
      ) : (
        <form method="post" action={`/wijkberichten/${campaign.id}/rondes`} class="utrecht-form">
          <CsrfField token={csrf} />
          <TextField id="ronde-datum" name="datum" label="Datum" type="date" required />
          <TextField id="ronde-van" name="van" label="Van" type="time" value="09:00" required />
          <TextField id="ronde-tot" name="tot" label="Tot" type="time" value="12:00" required />
          <fieldset class="utrecht-form-fieldset">
            <legend class="utrecht-form-fieldset__legend">Team</legend>
            {distributors.map((u) => (
              <CheckboxField id={`team-${u.id}`} name="team" value={u.id} label={u.displayName} />
            ))}
          </fieldset>
          <fieldset class="utrecht-form-fieldset">
            <legend class="utrecht-form-fieldset__legend">Straten</legend>
            {selection.streets.map((s, i) => {
              const row = selection.rows.find((r) => streetKey(r) === streetKey(s));
              return (
                <div class="utrecht-form-field utrecht-form-field--checkbox">
                  <input
                    type="checkbox"
                    class="utrecht-checkbox utrecht-checkbox--html-input"
                    id={`ronde-straat-${i}`}
                    name="straat"
                    value={streetValue(s)}
                    checked={!planned.has(streetKey(s))}
                  />
                  <label class="utrecht-form-label utrecht-form-label--checkbox" for={`ronde-straat-${i}`}>
                    {s.street}, {s.city}
                    {row
                      ? ` (${selection.mode === 'whole_streets' ? row.on_street : row.within_radius} adressen)`
                      : ''}
                    {planned.has(streetKey(s)) ? ' — al ingepland' : ''}
                  </label>
                </div>
              );
            })}
          </fieldset>
          <button type="submit" class="utrecht-button utrecht-button--primary-action">
            Ronde plannen
          </button>
        </form>
      )}
    </>,
    status,
  );
}
