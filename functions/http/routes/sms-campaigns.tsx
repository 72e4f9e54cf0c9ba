import type { Context, Hono } from 'hono';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { assertMayPerform, mayPerform } from '../../app/campaign-access.js';
import { caseAuditTrail, exportCaseAuditCsv } from '../../app/campaign-audit.js';
import { loadPolicy } from '../../app/campaign-policy.js';
import { displayNames, editCampaign, getCampaign, submitCampaign } from '../../app/campaigns.js';
import { type PooledVariant, previousVariantResults } from '../../app/case-results.js';
import { getCase } from '../../app/cases.js';
import {
  applyCampaignExclusions,
  assertUploadBodySize,
  listContactUploads,
  MAX_FILES_PER_UPLOAD,
  removeContactUpload,
  STAGED_FORM_SECONDS,
  stagedUploadKey,
  startContactJob,
  type UploadedFile,
} from '../../app/contact-uploads.js';
import type { AppDeps } from '../../app/deps.js';
import {
  analyseCampaignVariants,
  type VariantFeedback,
  variantFeedback,
} from '../../app/variant-feedback.js';
import { editWouldVoid } from '../../app/void-check.js';
import type { Campaign, Variant } from '../../core/campaigns/campaign.schema.js';
import type { CampaignChanges } from '../../core/campaigns/campaign-command.schema.js';
import { OPT_OUT_LINE, suggestGsmText } from '../../core/campaigns/sms-text.js';
import { findTransition } from '../../core/campaigns/transitions.js';
import { MAX_VARIANTS } from '../../core/campaigns/variants.js';
import { maskE164 } from '../../core/contacts/mask.js';
import { isDomainError, ValidationError } from '../../core/errors.js';
import type { Job } from '../../core/jobs/job.schema.js';
import type { ContactUpload, StagedUploadForm } from '../../core/ports.js';
import {
  formatInterval,
  formatPercent,
  formatCount as formatWholeNumber,
} from '../../core/results/format.js';
import { actingOf, route } from '../access.js';
import type { AppEnv } from '../env.js';
import { statusOf } from '../errors.js';
import { page, stagedReturnPage, wantsJson } from '../responses.js';
import { ConfirmPage } from '../views/confirm.js';
import {
  ErrorSummary,
  type FieldError,
  FieldErrorMessage,
  FieldGroup,
  fieldAria,
  fieldErrorsOf,
  Required,
} from '../views/form-errors.js';
import { Alert, CsrfField } from '../views/layout.js';
import {
  amsterdamLocalToIso,
  formatCount,
  formatDateTime,
  isoToAmsterdamLocal,
} from '../views/sms-format.js';
import { UPLOAD_JS, VARIANTS_JS } from '../views/sms-scripts.js';
import {
  ApprovalState,
  AuditSection,
  CostEstimate,
  ExclusionTable,
  FunnelChart,
  MaskedSamples,
  previewLinks,
  StatusBadge,
  UploadReports,
  VariantFeedbackPanel,
} from '../views/sms-views.js';
import { VoidConfirmation } from '../views/void-confirmation.js';
import { retentionSection } from './purge.js';
import { csvResponse, formOf, origin, param } from './sms-http.js';

const WEEKDAYS = ['maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag'];
const SAMPLE_SIZE = 5;

type Section = 'settings' | 'variants' | 'upload' | 'submit';

/** The input (or section) on this page for each field name the domain reports an error for. */
const FIELD_IDS: Record<string, string> = {
  name: 'c-naam',
  helpLink: 'c-link',
  senderName: 'c-afzender',
  ratePerSecond: 'c-snelheid',
  allowedCountries: 'c-landen',
  quietHours: 'c-start',
  plannedWindow: 'c-van',
  variants: 'v-0-text',
  recipients: 'contactlijsten',
};

/** Where an error without a known field points: the section it came from. */
const SECTION_TARGETS: Record<Section, string> = {
  settings: 'instellingen',
  variants: 'varianten',
  upload: 'contactlijsten',
  submit: 'indienen',
};

interface PageState {
  errors?: Partial<Record<Section, string>>;
  /** The same errors per field, for the summary at the top and the message beside each field. */
  fieldErrors?: FieldError[];
  /** The settings as typed, kept when they were refused. */
  typedSettings?: Record<string, string | string[]>;
  /** Unsaved variants the editor re-renders (no-JS check, add, remove, replace). */
  variants?: Variant[];
  notice?: string;
}

function renderFeedback(
  feedback: VariantFeedback,
  variants: readonly Variant[],
  campaign: Campaign,
  base: string,
  editable: boolean,
) {
  return feedback.report.variants.map((report, i) => (
    <VariantFeedbackPanel
      report={report}
      index={i}
      costPerMessage={feedback.costPerMessage[i] ?? 0}
      text={variants[i]?.text ?? ''}
      links={previewLinks(base, i)}
      sender={campaign.senderName}
      label={variants[i]?.label || `variant ${i + 1}`}
      editable={editable}
    />
  ));
}

const SettingsForm = (props: {
  campaign: Campaign;
  csrf: string;
  editable: boolean;
  error?: string | undefined;
  fieldErrors?: FieldError[] | undefined;
  typed?: Record<string, string | string[]> | undefined;
}) => {
  const c = props.campaign;
  const errors = props.fieldErrors;
  const typed = (name: string, stored: string) => {
    const v = props.typed?.[name];
    return props.typed === undefined ? stored : typeof v === 'string' ? v : '';
  };
  const text = (
    id: string,
    name: string,
    label: Child,
    value: string,
    hint?: string,
    type = 'text',
    required = false,
  ) => (
    <FieldGroup errors={errors} field={id}>
      <label class="utrecht-form-label" for={id}>
        {label}
        {required ? <Required /> : null}
      </label>
      {hint ? (
        <p class="utrecht-form-field-description" id={`${id}-uitleg`}>
          {hint}
        </p>
      ) : null}
      <FieldErrorMessage errors={errors} field={id} />
      <input
        class="utrecht-textbox utrecht-textbox--html-input"
        id={id}
        name={name}
        type={type}
        value={typed(name, value)}
        disabled={!props.editable}
        {...(required ? { 'aria-required': 'true' } : {})}
        {...fieldAria(errors, id, hint ? `${id}-uitleg` : undefined)}
      />
    </FieldGroup>
  );
  const inSettings = (errors ?? []).some((e) => e.field.startsWith('c-'));
  return (
    <form method="post" action={`/campagnes/${c.id}/instellingen`} class="utrecht-form">
      {props.error && !inSettings ? <Alert type="error">{props.error}</Alert> : null}
      <CsrfField token={props.csrf} />
      {text('c-naam', 'name', 'Naam van de campagne', c.name, undefined, 'text', true)}
      {text(
        'c-link',
        'helpLink',
        'Link naar de hulpwebsite',
        c.helpLink,
        'Alleen https-links op de domeinen die de beheerder heeft toegestaan. Elke variant krijgt hiervan een eigen korte link.',
        'url',
        true,
      )}
      {text(
        'c-afzender',
        'senderName',
        'Afzendernaam',
        c.senderName,
        'Hoogstens 11 letters of cijfers, geen spaties.',
        'text',
        true,
      )}
      {text(
        'c-snelheid',
        'ratePerSecond',
        'Snelheid (berichten per seconde)',
        String(c.ratePerSecond),
        undefined,
        'number',
      )}
      {text(
        'c-landen',
        'allowedCountries',
        'Toegestane landen',
        c.allowedCountries.join(', '),
        'Landcodes met komma’s, bijvoorbeeld NL, BE. Nummers uit andere landen worden niet verstuurd.',
      )}
      <fieldset class="utrecht-form-fieldset">
        <legend class="utrecht-form-fieldset__legend">Verzendvenster (rusttijden)</legend>
        {text('c-start', 'quietStart', 'Versturen vanaf (UU:MM)', c.quietHours.start)}
        {text('c-eind', 'quietEnd', 'Versturen tot (UU:MM)', c.quietHours.end)}
        {WEEKDAYS.map((day, i) => (
          <div class="utrecht-form-field utrecht-form-field--checkbox">
            <input
              type="checkbox"
              class="utrecht-checkbox utrecht-checkbox--html-input"
              id={`c-dag-${i + 1}`}
              name="quietDays"
              value={String(i + 1)}
              checked={c.quietHours.days.includes(i + 1)}
              disabled={!props.editable}
            />
            <label class="utrecht-form-label utrecht-form-label--checkbox" for={`c-dag-${i + 1}`}>
              {day}
            </label>
          </div>
        ))}
      </fieldset>
      <fieldset class="utrecht-form-fieldset">
        <legend class="utrecht-form-fieldset__legend">
          Geplande verzendperiode (Nederlandse tijd)
          <span class="required-mark"> (verplicht om in te dienen)</span>
        </legend>
        {text(
          'c-van',
          'windowFrom',
          'Begin',
          c.plannedWindow ? isoToAmsterdamLocal(c.plannedWindow.from) : '',
          undefined,
          'datetime-local',
          false,
        )}
        {text(
          'c-tot',
          'windowUntil',
          'Einde',
          c.plannedWindow ? isoToAmsterdamLocal(c.plannedWindow.until) : '',
          undefined,
          'datetime-local',
          false,
        )}
      </fieldset>
      {props.editable ? (
        <button type="submit" class="utrecht-button utrecht-button--primary-action">
          Instellingen opslaan
        </button>
      ) : null}
    </form>
  );
};

const VariantEditor = (props: {
  campaign: Campaign;
  variants: Variant[];
  /** Per variant id: how this blueprint variant did in earlier campaigns. */
  previous?: ReadonlyMap<string, string>;
  feedback: VariantFeedback;
  csrf: string;
  base: string;
  editable: boolean;
  error?: string;
}) => (
  <form
    method="post"
    action={`/campagnes/${props.campaign.id}/varianten`}
    class="utrecht-form"
    data-variants
    data-analyse-url={`/campagnes/${props.campaign.id}/varianten/analyse`}
  >
    {props.error ? <Alert type="error">{props.error}</Alert> : null}
    <CsrfField token={props.csrf} />
    <p class="utrecht-paragraph">
      Elke variant bevat precies één keer <code>{'{link}'}</code>. Meer dan 1 sms-deel kost meer; meer dan 3
      delen is niet toegestaan.
    </p>
    <p class="utrecht-paragraph" id="afmeldregel">
      Onder elke variant zet het platform de regel <code>{OPT_OUT_LINE}</code>, met de link naar de
      afmeldpagina. Zo staat in elke sms hoe de ontvanger geen berichten meer krijgt; de regel telt mee in de
      sms-delen en valt onder de goedkeuring.
    </p>
    {props.variants.map((v, i) => (
      <fieldset class="utrecht-form-fieldset variant">
        <legend class="utrecht-form-fieldset__legend">Variant {i + 1}</legend>
        <input type="hidden" name={`variant-${i}-id`} value={v.id} />
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for={`v-${i}-label`}>
            Label (alleen voor u, wordt niet verstuurd)
          </label>
          <input
            class="utrecht-textbox utrecht-textbox--html-input"
            id={`v-${i}-label`}
            name={`variant-${i}-label`}
            value={v.label}
            maxlength={60}
            disabled={!props.editable}
          />
        </div>
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for={`v-${i}-text`}>
            Tekst van variant {i + 1}
          </label>
          <textarea
            class="utrecht-textarea utrecht-textarea--html-textarea"
            id={`v-${i}-text`}
            name={`variant-${i}-text`}
            rows={5}
            maxlength={5000}
            disabled={!props.editable}
            aria-describedby={`feedback-${i}`}
          >
            {v.text}
          </textarea>
        </div>
        {props.previous?.get(v.id) ? (
          <p class="utrecht-paragraph previous-results">{props.previous.get(v.id)}</p>
        ) : null}
        {renderFeedback(props.feedback, props.variants, props.campaign, props.base, props.editable)[i]}
        {props.editable && props.variants.length > 1 ? (
          <button
            type="submit"
            name="actie"
            value={`verwijder-${i}`}
            class="utrecht-button utrecht-button--subtle"
          >
            Variant {i + 1} verwijderen
          </button>
        ) : null}
      </fieldset>
    ))}
    <CostEstimate feedback={props.feedback} />
    {props.editable ? (
      <div class="actions">
        <button
          type="submit"
          name="actie"
          value="opslaan"
          class="utrecht-button utrecht-button--primary-action"
        >
          Varianten opslaan
        </button>
        <button
          type="submit"
          name="actie"
          value="controleer"
          class="utrecht-button utrecht-button--secondary-action"
        >
          Controleren zonder op te slaan
        </button>
        {props.variants.length < MAX_VARIANTS ? (
          <button
            type="submit"
            name="actie"
            value="toevoegen"
            class="utrecht-button utrecht-button--secondary-action"
          >
            Variant toevoegen
          </button>
        ) : null}
      </div>
    ) : null}
  </form>
);

function nextPhoneLabel(uploads: readonly ContactUpload[]): string {
  const used = new Set(uploads.map((u) => u.report.source));
  for (let n = 1; ; n++) if (!used.has(`telefoon ${n}`)) return `telefoon ${n}`;
}

/**
 * The label the form suggests. Several files at once come from one phone, so the next upload is most likely
 * the next phone; through staging storage a form takes one file, so the next file most likely belongs to
 * the phone of the last one.
 */
function suggestedPhoneLabel(uploads: readonly ContactUpload[], oneFileAtATime: boolean): string {
  if (!oneFileAtATime || uploads.length === 0) return nextPhoneLabel(uploads);
  return [...uploads].sort((a, b) => b.uploadedAt.localeCompare(a.uploadedAt))[0]!.report.source;
}

const UploadForm = (props: {
  campaign: Campaign;
  uploads: ContactUpload[];
  csrf: string;
  error?: string;
  maxMb: number;
  /** Forms straight to staging storage (AWS): files never pass through the web function. */
  staged?: StagedContactForms;
}) => {
  const sources = [...new Set(props.uploads.map((u) => u.report.source))];
  const staged = props.staged?.form;
  return (
    <form
      method="post"
      action={staged ? staged.url : `/campagnes/${props.campaign.id}/uploads`}
      enctype="multipart/form-data"
      class="utrecht-form card"
      {...(staged
        ? {
            'data-staged-upload': '',
            'data-max-bytes': String(props.maxMb * 1024 * 1024),
            'data-expires-at': staged.expiresAt,
            'data-more-fields': JSON.stringify(props.staged?.more ?? []),
            'data-process-url': `/campagnes/${props.campaign.id}/uploads/verwerken`,
            'data-next-label': nextPhoneLabel(props.uploads),
          }
        : { 'data-upload': '' })}
    >
      <h3 class="utrecht-heading-3">Bestanden van één telefoon uploaden</h3>
      {props.error ? <Alert type="error">{props.error}</Alert> : null}
      {staged ? (
        Object.entries(staged.fields).map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))
      ) : (
        <CsrfField token={props.csrf} />
      )}
      <div class="utrecht-form-field">
        <label class="utrecht-form-label" for="u-telefoon">
          Van welke telefoon?
        </label>
        <p class="utrecht-form-field-description" id="u-telefoon-uitleg">
          Bijvoorbeeld "telefoon 1". Bestanden van dezelfde telefoon krijgen hetzelfde label.
          {sources.length > 0 ? ` Al gebruikt: ${sources.join(', ')}.` : ''}
          {staged && sources.length > 0 ? (
            <span data-one-file-hint>
              {` Het label van het vorige bestand staat al ingevuld; voor een volgende telefoon: "${nextPhoneLabel(props.uploads)}".`}
            </span>
          ) : null}
        </p>
        <input
          class="utrecht-textbox utrecht-textbox--html-input"
          id="u-telefoon"
          name={staged ? (staged.userFieldNames.telefoon ?? 'telefoon') : 'telefoon'}
          required
          maxlength={40}
          value={suggestedPhoneLabel(props.uploads, staged !== undefined)}
          aria-describedby="u-telefoon-uitleg"
          {...(staged && sources.length > 0 ? { list: 'u-telefoon-labels' } : {})}
        />
        {staged && sources.length > 0 ? (
          <datalist id="u-telefoon-labels">
            {sources.map((label) => (
              <option value={label} />
            ))}
            <option value={nextPhoneLabel(props.uploads)} />
          </datalist>
        ) : null}
      </div>
      {staged ? (
        <input
          type="hidden"
          name={staged.userFieldNames.bestandsnaam ?? 'bestandsnaam'}
          value=""
          data-file-name
        />
      ) : null}
      <div class="utrecht-form-field">
        <label class="utrecht-form-label" for="u-bestanden">
          Contactbestanden (vCard, CSV of XLSX)
        </label>
        <p class="utrecht-form-field-description" id="u-bestanden-uitleg">
          Hoogstens {MAX_FILES_PER_UPLOAD} bestanden van elk {props.maxMb} MB. Namen, e-mailadressen en
          notities worden bij het inlezen weggegooid; alleen de nummers blijven over. Het bestand zelf wordt
          niet bewaard.
        </p>
        <input
          class="utrecht-textbox"
          id="u-bestanden"
          name={staged ? staged.fileField : 'bestanden'}
          type="file"
          // Straight to storage one file goes per post: the page's script posts several one after another.
          multiple={!staged}
          required
          accept=".vcf,.vcard,.csv,.txt,.xlsx,text/vcard,text/csv"
          aria-describedby="u-bestanden-uitleg"
        />
      </div>
      <div class="actions">
        <button type="submit" class="utrecht-button utrecht-button--primary-action">
          Uploaden en verwerken
        </button>
        <progress max="100" hidden aria-label="Voortgang van de upload" />
        <p class="utrecht-paragraph" data-upload-status aria-live="polite" />
      </div>
    </form>
  );
};

/**
 * Signed forms straight to staging storage, one per file (storage takes one file per post): the page's own
 * form for the first file, and the fields for the others, which the page's script posts one after another.
 */
interface StagedContactForms {
  form: StagedUploadForm;
  more: Record<string, string>[];
}

/** The signed forms for one upload of this campaign's contact files, when uploads go through staging storage. */
async function stagedContactForms(
  c: Context<AppEnv>,
  deps: AppDeps,
  campaign: Campaign,
): Promise<StagedContactForms | undefined> {
  const staging = deps.uploadStaging;
  if (!staging) return undefined;
  const acting = actingOf(c);
  const [form, ...more] = await Promise.all(
    Array.from({ length: MAX_FILES_PER_UPLOAD }, () =>
      staging.uploadForm({
        key: stagedUploadKey(
          { kind: 'campaign', campaignId: campaign.id },
          acting.actor.userId,
          deps.ids.next(),
        ),
        maxBytes: deps.contactLimits.maxFileBytes,
        redirectUrl: `${origin(c)}/campagnes/${campaign.id}/uploads/ontvangen`,
        expiresInSeconds: STAGED_FORM_SECONDS,
        userFields: ['telefoon', 'bestandsnaam'],
      }),
    ),
  );
  return { form: form!, more: more.map((f) => f.fields) };
}

/** "eerder: 4,1 % klikken (95 %: 3,0–5,5 %), n = 1.240" per variant id. */
function previousResultTexts(rows: ReadonlyMap<string, PooledVariant>): Map<string, string> {
  return new Map(
    [...rows].map(([id, r]) => [
      id,
      `eerder: ${formatPercent(r.rate.estimate)} klikken (95 %: ${formatInterval(r.rate)}), n = ${formatWholeNumber(r.sends)} in ${formatWholeNumber(r.campaigns)} ${r.campaigns === 1 ? 'campagne' : 'campagnes'}`,
    ]),
  );
}

async function campaignPage(
  c: Context<AppEnv>,
  deps: AppDeps,
  campaignId: string,
  state: PageState = {},
  status: ContentfulStatusCode = 200,
) {
  const acting = actingOf(c);
  const campaign = await getCampaign(deps, acting, campaignId);
  const found = await getCase(deps, acting, campaign.caseId);
  const { settings, policy } = await loadPolicy(deps);
  const csrf = c.get('csrfToken');
  const base = origin(c);
  const mayEdit = mayPerform(acting, 'edit', campaign.kind);
  const contentEditable = mayEdit && findTransition(campaign.status, 'edit', 'content') !== undefined;
  const settingsEditable = mayEdit && findTransition(campaign.status, 'edit', 'settings') !== undefined;
  const maySubmit =
    mayPerform(acting, 'submit', campaign.kind) && findTransition(campaign.status, 'submit') !== undefined;
  const isSms = campaign.kind === 'sms';
  const uploads = isSms ? await listContactUploads(deps, acting, campaign.id) : [];
  const staged = isSms && contentEditable ? await stagedContactForms(c, deps, campaign) : undefined;
  const samples = isSms
    ? (await deps.recipients.sample(campaign.id, SAMPLE_SIZE)).map((r) => maskE164(r.e164))
    : [];
  const variants = state.variants ?? campaign.variants;
  const feedback = variantFeedback(variants, {
    linkLength: policy.linkLength,
    pricePerSegment: settings.pricePerSegmentEur,
    recipients: campaign.recipients.counts?.sendable ?? 0,
  });
  const events = await caseAuditTrail(deps, acting, { caseId: campaign.caseId, campaignId: campaign.id });
  const names = await displayNames(deps, [
    ...events.map((e) => e.actorUserId),
    campaign.approval?.approvedBy ?? '',
    campaign.rejection?.rejectedBy ?? '',
  ]);
  const errors = state.errors ?? {};
  return page(
    c,
    campaign.name,
    <>
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href={`/zaken/${found.id}`}>
          Zaak {found.name}
        </a>
      </p>
      <ErrorSummary errors={state.fieldErrors} />
      <h1 class="utrecht-heading-1">{campaign.name}</h1>
      <p class="utrecht-paragraph" id="status">
        {isSms ? 'SMS-bom' : 'Wijkbericht'} · status <StatusBadge status={campaign.status} /> · laatst
        gewijzigd {formatDateTime(campaign.updatedAt)}
      </p>
      {state.notice ? <Alert type="ok">{state.notice}</Alert> : null}
      <ApprovalState campaign={campaign} names={names} />
      {isSms &&
      ['approved', 'scheduled', 'sending', 'paused', 'completed', 'cancelled', 'purged'].includes(
        campaign.status,
      ) ? (
        <p class="utrecht-paragraph">
          <a class="utrecht-link" href={`/campagnes/${campaign.id}/verzending`}>
            Verzending: inplannen en live volgen
          </a>
        </p>
      ) : null}
      {acting.actor.roles.includes('om_liaison') && campaign.approvalRequest ? (
        <p class="utrecht-paragraph">
          <a class="utrecht-link" href={`/goedkeuringen/${campaign.id}`}>
            Naar het verzoek om goedkeuring
          </a>
        </p>
      ) : null}
      <section aria-labelledby="instellingen" class="card">
        <h2 class="utrecht-heading-2" id="instellingen">
          Instellingen
        </h2>
        <SettingsForm
          campaign={campaign}
          csrf={csrf}
          editable={settingsEditable}
          error={errors.settings}
          fieldErrors={state.fieldErrors}
          typed={state.typedSettings}
        />
      </section>
      {isSms ? (
        <>
          <section aria-labelledby="varianten" class="card">
            <h2 class="utrecht-heading-2" id="varianten">
              Berichtvarianten
            </h2>
            <VariantEditor
              campaign={campaign}
              variants={variants}
              previous={previousResultTexts(await previousVariantResults(deps, acting, campaign))}
              feedback={feedback}
              csrf={csrf}
              base={base}
              editable={contentEditable}
              error={errors.variants}
            />
          </section>
          <section aria-labelledby="contactlijsten" class="card">
            <h2 class="utrecht-heading-2" id="contactlijsten">
              Contactlijsten en ontvangers
            </h2>
            {contentEditable ? (
              <UploadForm
                campaign={campaign}
                uploads={uploads}
                csrf={csrf}
                error={errors.upload}
                maxMb={Math.round(deps.contactLimits.maxFileBytes / (1024 * 1024))}
                {...(staged ? { staged } : {})}
              />
            ) : null}
            <UploadReports
              uploads={uploads}
              campaignId={campaign.id}
              csrf={csrf}
              removable={contentEditable}
            />
            {campaign.recipients.counts ? (
              <>
                <FunnelChart counts={campaign.recipients.counts} />
                <ExclusionTable counts={campaign.recipients.counts} />
                <h3 class="utrecht-heading-3">Voorbeelden van ontvangers</h3>
                <MaskedSamples samples={samples} />
                <p class="utrecht-paragraph">
                  <strong>{formatCount(campaign.recipients.counts.sendable)}</strong> ontvangers. Vingerafdruk
                  van de ontvangerslijst: <code class="fingerprint">{campaign.recipients.fingerprint}</code>
                </p>
                {contentEditable ? (
                  <form method="post" action={`/campagnes/${campaign.id}/uitsluitingen`}>
                    <CsrfField token={csrf} />
                    <button type="submit" class="utrecht-button utrecht-button--secondary-action">
                      Uitsluitingslijsten opnieuw toepassen
                    </button>
                  </form>
                ) : null}
              </>
            ) : null}
          </section>
        </>
      ) : (
        <p class="utrecht-paragraph">De inhoud van een wijkbericht bewerkt u bij de wijkberichten.</p>
      )}
      {maySubmit ? (
        <section aria-labelledby="indienen" class="card">
          <h2 class="utrecht-heading-2" id="indienen">
            Ter goedkeuring aanbieden
          </h2>
          {errors.submit ? <Alert type="error">{errors.submit}</Alert> : null}
          <p class="utrecht-paragraph">
            De contactpersoon van het OM krijgt de ontvangers (gemaskeerd en geteld), de teksten, de afzender,
            de link en de verzendperiode te zien. Elke wijziging daarna maakt het verzoek of de goedkeuring
            ongeldig.
          </p>
          <form method="post" action={`/campagnes/${campaign.id}/indienen`}>
            <CsrfField token={csrf} />
            <button type="submit" class="utrecht-button utrecht-button--primary-action">
              Indienen bij het OM
            </button>
          </form>
        </section>
      ) : null}
      {await retentionSection(deps, acting, campaign)}
      <AuditSection
        title="Audittrail van deze campagne"
        csvPath={`/campagnes/${campaign.id}/audit.csv`}
        fileName={`audittrail-${campaign.id}.csv`}
        events={events}
        names={names}
        caption="Gebeurtenissen van deze campagne, nieuwste eerst"
      />
      <script src="/assets/variants.js" defer />
      <script src="/assets/upload.js" defer />
    </>,
    status,
  );
}

/** The variants as the form posted them (indexes 0..n-1, stopping at the first gap). */
function variantsFromForm(form: Record<string, string>): Variant[] {
  const out: Variant[] = [];
  for (let i = 0; i < MAX_VARIANTS + 1; i++) {
    const id = form[`variant-${i}-id`];
    if (id === undefined) break;
    out.push({
      id,
      label: (form[`variant-${i}-label`] ?? '').trim(),
      text: (form[`variant-${i}-text`] ?? '').replace(/\r\n/g, '\n'),
    });
  }
  return out;
}

function newVariantId(variants: readonly Variant[]): string {
  for (let n = variants.length + 1; ; n++) {
    const id = `variant-${n}`;
    if (!variants.some((v) => v.id === id)) return id;
  }
}

function invalid(userMessage: string, field: string): never {
  throw new ValidationError(`Invalid ${field}`, { userMessage, context: { field } });
}

function settingsChanges(body: Record<string, string | File | (string | File)[]>): CampaignChanges {
  const str = (name: string) => {
    const v = body[name];
    return typeof v === 'string' ? v : '';
  };
  const rate = Number(str('ratePerSecond').replace(',', '.'));
  if (!Number.isFinite(rate)) invalid('Vul bij snelheid een getal in.', 'ratePerSecond');
  const days = [body.quietDays ?? []]
    .flat()
    .filter((d): d is string => typeof d === 'string')
    .map(Number);
  const from = str('windowFrom');
  const until = str('windowUntil');
  let plannedWindow: CampaignChanges['plannedWindow'] = null;
  if (from !== '' || until !== '') {
    const fromIso = amsterdamLocalToIso(from);
    const untilIso = amsterdamLocalToIso(until);
    if (!fromIso || !untilIso)
      invalid('Vul zowel het begin als het einde van de verzendperiode in.', 'plannedWindow');
    plannedWindow = { from: fromIso, until: untilIso };
  }
  return {
    name: str('name'),
    helpLink: str('helpLink'),
    senderName: str('senderName').trim(),
    ratePerSecond: rate,
    allowedCountries: str('allowedCountries')
      .split(/[\s,;]+/)
      .map((s) => s.trim().toUpperCase())
      .filter((s) => s !== ''),
    quietHours: {
      start: str('quietStart').trim(),
      end: str('quietEnd').trim(),
      days,
      timeZone: 'Europe/Amsterdam',
    },
    plannedWindow,
  };
}

/** The SMS campaign page and its actions: settings, variants (with live feedback), uploads, exclusions, submit. */
export function smsCampaignRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  route(app, 'get', '/assets/variants.js', 'public', (c) =>
    c.body(VARIANTS_JS, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'public, max-age=300',
    }),
  );
  route(app, 'get', '/assets/upload.js', 'public', (c) =>
    c.body(UPLOAD_JS, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'public, max-age=300',
    }),
  );

  route(app, 'get', '/campagnes/:id', 'cases.view', (c) => campaignPage(c, deps, param(c, 'id')));

  /** Re-renders the page with the domain error in the section it belongs to, or rethrows. */
  const orRerender = async (c: Context<AppEnv>, section: Section, error: unknown, state: PageState = {}) => {
    if (isDomainError(error) && [409, 422].includes(statusOf(error))) {
      return campaignPage(
        c,
        deps,
        param(c, 'id'),
        {
          ...state,
          errors: { [section]: error.userMessage },
          fieldErrors: fieldErrorsOf(error, FIELD_IDS, SECTION_TARGETS[section]),
        },
        statusOf(error),
      );
    }
    throw error;
  };

  route(app, 'post', '/campagnes/:id/instellingen', 'sms.prepare', async (c) => {
    const id = param(c, 'id');
    const campaign = await getCampaign(deps, actingOf(c), id);
    const body = await c.req.parseBody({ all: true });
    // What the person typed, to show again beside an error.
    const typedSettings: Record<string, string | string[]> = Object.fromEntries(
      Object.entries(body).flatMap(([k, v]) =>
        k === '_csrf' || k === 'bevestig'
          ? []
          : [
              [
                k,
                Array.isArray(v)
                  ? v.filter((x): x is string => typeof x === 'string')
                  : typeof v === 'string'
                    ? v
                    : '',
              ],
            ],
      ),
    );
    let changes: CampaignChanges;
    try {
      changes = settingsChanges(body);
    } catch (error) {
      return orRerender(c, 'settings', error, { typedSettings });
    }
    const voids = body.bevestig === '1' ? null : await editWouldVoid(deps, actingOf(c), id, changes);
    if (voids !== null) {
      const fields: Record<string, string | string[]> = {};
      for (const [name, value] of Object.entries(body)) {
        if (name === '_csrf' || name === 'bevestig') continue;
        const values = (Array.isArray(value) ? value : [value]).filter(
          (v): v is string => typeof v === 'string',
        );
        fields[name] = values;
      }
      return page(
        c,
        'Wijziging bevestigen',
        <VoidConfirmation
          csrf={c.get('csrfToken')}
          action={`/campagnes/${id}/instellingen`}
          cancel={`/campagnes/${id}#instellingen`}
          what={voids === 'approval' ? 'de goedkeuring' : 'de aanvraag tot goedkeuring'}
          name={campaign.name}
          fields={fields}
        />,
        409,
      );
    }
    try {
      await editCampaign(deps, actingOf(c), id, changes);
    } catch (error) {
      return orRerender(c, 'settings', error, { typedSettings });
    }
    return c.redirect(`/campagnes/${id}#instellingen`, 303);
  });

  route(app, 'post', '/campagnes/:id/varianten', 'sms.prepare', async (c) => {
    const id = param(c, 'id');
    const acting = actingOf(c);
    const campaign = await getCampaign(deps, acting, id);
    assertMayPerform(acting, 'edit', campaign.kind);
    const form = await formOf(c);
    const variants = variantsFromForm(form);
    const action = form.actie ?? 'opslaan';
    if (action === 'toevoegen') {
      if (variants.length < MAX_VARIANTS)
        variants.push({ id: newVariantId(variants), label: '', text: '{link}' });
      return campaignPage(c, deps, id, { variants });
    }
    const remove = /^verwijder-(\d+)$/.exec(action);
    if (remove) {
      variants.splice(Number(remove[1]), 1);
      return campaignPage(c, deps, id, { variants });
    }
    const replace = /^vervang-(\d+)$/.exec(action);
    if (replace) {
      const target = variants[Number(replace[1])];
      if (target) target.text = suggestGsmText(target.text);
      return campaignPage(c, deps, id, { variants });
    }
    if (action === 'controleer') return campaignPage(c, deps, id, { variants });
    const voids = form.bevestig === '1' ? null : await editWouldVoid(deps, acting, id, { variants });
    if (voids !== null) {
      const { _csrf: _token, bevestig: _confirmed, ...fields } = form;
      return page(
        c,
        'Wijziging bevestigen',
        <VoidConfirmation
          csrf={c.get('csrfToken')}
          action={`/campagnes/${id}/varianten`}
          cancel={`/campagnes/${id}#varianten`}
          what={voids === 'approval' ? 'de goedkeuring' : 'de aanvraag tot goedkeuring'}
          name={campaign.name}
          fields={{ ...fields, actie: 'opslaan' }}
        />,
        409,
      );
    }
    try {
      await editCampaign(deps, acting, id, { variants });
    } catch (error) {
      return orRerender(c, 'variants', error, { variants });
    }
    return c.redirect(`/campagnes/${id}#varianten`, 303);
  });

  route(app, 'post', '/campagnes/:id/varianten/analyse', 'sms.prepare', async (c) => {
    const id = param(c, 'id');
    const acting = actingOf(c);
    const body = await c.req.json<unknown>().catch(() => ({}));
    const raw = typeof body === 'object' && body !== null && 'variants' in body ? body.variants : [];
    const variants: Variant[] = (Array.isArray(raw) ? raw : [])
      .slice(0, MAX_VARIANTS + 1)
      .map((v: unknown, i) => {
        const o = (typeof v === 'object' && v !== null ? v : {}) as Record<string, unknown>;
        const s = (x: unknown) => (typeof x === 'string' ? x.slice(0, 5000) : '');
        return { id: s(o.id) || `variant-${i + 1}`, label: s(o.label).slice(0, 60), text: s(o.text) };
      });
    const { campaign, feedback } = await analyseCampaignVariants(deps, acting, id, variants);
    const base = origin(c);
    const panels = renderFeedback(feedback, variants, campaign, base, true);
    return c.json({
      ok: feedback.report.ok,
      variants: await Promise.all(
        feedback.report.variants.map(async (report, i) => ({
          id: report.variantId,
          encoding: report.analysis.encoding,
          segments: report.analysis.segments,
          issues: report.issues.map((issue) => ({
            level: issue.level,
            code: issue.code,
            message: issue.message,
          })),
          suggested: suggestGsmText(variants[i]?.text ?? ''),
          html: String(await panels[i]!.toString()),
        })),
      ),
      estimate: feedback.estimate,
      estimateHtml: String(await (<CostEstimate feedback={feedback} />).toString()),
    });
  });

  route(app, 'post', '/campagnes/:id/uploads', 'sms.prepare', async (c) => {
    const id = param(c, 'id');
    const acting = actingOf(c);
    await getCampaign(deps, acting, id);
    const json = wantsJson(c);
    let job: Job;
    try {
      assertUploadBodySize(deps, Number(c.req.header('content-length') ?? '0'));
      const body = await c.req.parseBody({ all: true });
      const files: UploadedFile[] = [];
      let total = 0;
      for (const value of [body.bestanden ?? []].flat()) {
        if (typeof value === 'string') continue;
        total += value.size;
        assertUploadBodySize(deps, total);
        files.push({ name: value.name, bytes: new Uint8Array(await value.arrayBuffer()) });
      }
      job = await startContactJob(deps, acting, id, {
        source: typeof body.telefoon === 'string' ? body.telefoon : '',
        files,
      });
    } catch (error) {
      if (json && isDomainError(error)) {
        return c.json(
          { error: { message: error.userMessage, reference: c.get('requestId') } },
          statusOf(error),
        );
      }
      if (isDomainError(error) && statusOf(error) === 413) throw error;
      return orRerender(c, 'upload', error);
    }
    // The files are read in the background; the job's page shows progress and then returns to the campaign.
    const redirect = `/taken/${job.id}`;
    return json ? c.json({ ok: true, redirect }) : c.redirect(redirect, 303);
  });

  route(app, 'get', '/campagnes/:id/uploads/ontvangen', 'public', (c) =>
    stagedReturnPage(c, `/campagnes/${param(c, 'id')}/uploads/verwerken`),
  );

  /**
   * Reads a staged file (a GET: the browser comes here from the hand-over page). The key must be this
   * person's, for this campaign, and a file is read once, so a replayed or forged link changes nothing; a
   * link from another site arrives without the SameSite=Strict session and changes nothing either.
   */
  route(app, 'get', '/campagnes/:id/uploads/verwerken', 'sms.prepare', async (c) => {
    const id = param(c, 'id');
    await getCampaign(deps, actingOf(c), id);
    let job: Job;
    try {
      job = await startContactJob(deps, actingOf(c), id, { stagedKeys: c.req.queries('key') ?? [] });
    } catch (error) {
      if (isDomainError(error) && statusOf(error) === 404) {
        return campaignPage(c, deps, id, { errors: { upload: error.userMessage } }, 404);
      }
      return orRerender(c, 'upload', error);
    }
    return c.redirect(`/taken/${job.id}`, 303);
  });

  route(app, 'get', '/campagnes/:id/uploads/:uploadId/verwijderen', 'sms.prepare', async (c) => {
    const acting = actingOf(c);
    const campaign = await getCampaign(deps, acting, param(c, 'id'));
    const upload = (await listContactUploads(deps, acting, campaign.id)).find(
      (u) => u.id === param(c, 'uploadId'),
    );
    if (!upload) return c.redirect(`/campagnes/${campaign.id}#contactlijsten`, 303);
    const back = `/campagnes/${campaign.id}#contactlijsten`;
    return page(
      c,
      `Upload verwijderen: ${upload.report.file}`,
      <ConfirmPage
        title={`Upload „${upload.report.file}” verwijderen?`}
        action={`/campagnes/${campaign.id}/uploads/${upload.id}/verwijderen`}
        csrf={c.get('csrfToken')}
        confirmLabel="Ja, upload verwijderen"
        backHref={back}
        backLabel="Nee, terug naar de campagne"
      >
        <p class="utrecht-paragraph">
          De {formatCount(upload.distinct)} nummers uit dit bestand ({upload.report.source}) gaan uit de
          ontvangers van „{campaign.name}”, tenzij ze ook in een ander bestand staan. De ontvangers worden
          opnieuw berekend; een verzoek om goedkeuring of een goedkeuring vervalt daardoor. Om ze terug te
          krijgen uploadt u het bestand opnieuw.
        </p>
      </ConfirmPage>,
    );
  });

  route(app, 'post', '/campagnes/:id/uploads/:uploadId/verwijderen', 'sms.prepare', async (c) => {
    const id = param(c, 'id');
    try {
      await removeContactUpload(deps, actingOf(c), id, param(c, 'uploadId'));
    } catch (error) {
      return orRerender(c, 'upload', error);
    }
    return c.redirect(`/campagnes/${id}#contactlijsten`, 303);
  });

  route(app, 'post', '/campagnes/:id/uitsluitingen', 'sms.prepare', async (c) => {
    const id = param(c, 'id');
    try {
      await applyCampaignExclusions(deps, actingOf(c), id);
    } catch (error) {
      return orRerender(c, 'upload', error);
    }
    return c.redirect(`/campagnes/${id}#contactlijsten`, 303);
  });

  route(app, 'post', '/campagnes/:id/indienen', 'sms.prepare', async (c) => {
    const id = param(c, 'id');
    await getCampaign(deps, actingOf(c), id);
    try {
      await submitCampaign(deps, actingOf(c), id);
    } catch (error) {
      return orRerender(c, 'submit', error);
    }
    return c.redirect(`/campagnes/${id}#status`, 303);
  });

  route(app, 'get', '/campagnes/:id/audit.csv', 'cases.view', async (c) => {
    const acting = actingOf(c);
    const campaign = await getCampaign(deps, acting, param(c, 'id'));
    const csv = await exportCaseAuditCsv(deps, acting, { caseId: campaign.caseId, campaignId: campaign.id });
    return csvResponse(c, csv, `audittrail-campagne-${campaign.id}.csv`);
  });
}
