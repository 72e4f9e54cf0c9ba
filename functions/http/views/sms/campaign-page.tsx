import type { CampaignPageModel } from '../../../app/sms-pages.js';
import type { Variant } from '../../../core/campaigns/campaign.schema.js';
import { ErrorSummary, type FieldError } from '../form-errors.js';
import { Alert, CsrfField } from '../layout.js';
import { RetentionSection } from '../purge.js';
import { formatCount, formatDateTime } from '../sms-format.js';
import {
  ApprovalState,
  ExclusionTable,
  FunnelChart,
  MaskedSamples,
  StatusBadge,
  UploadReports,
} from '../sms-views.js';
import { AuditSection } from './audit.js';
import { SettingsForm } from './settings-form.js';
import { UploadForm } from './upload-form.js';
import { previousResultTexts, VariantEditor } from './variant-editor.js';

/** The sections of the campaign page a form error can belong to. */
export type Section = 'settings' | 'variants' | 'upload' | 'submit';

/** What a re-rendered page keeps of the form that was refused. */
export interface PageState {
  errors?: Partial<Record<Section, string>>;
  /** The same errors per field, for the summary at the top and the message beside each field. */
  fieldErrors?: FieldError[];
  /** The settings as typed, kept when they were refused. */
  typedSettings?: Record<string, string | string[]>;
  /** Unsaved variants the editor re-renders (no-JS check, add, remove, replace). */
  variants?: Variant[];
  notice?: string;
}

/** The campaign page: settings, variants with live feedback, contact lists, submit, retention and audit. */
export function CampaignPage(props: {
  model: CampaignPageModel;
  state: PageState;
  csrf: string;
  /** The site's own address, for the example links in the previews. */
  base: string;
}) {
  const { model, state, csrf, base } = props;
  const { campaign, uploads, staged, samples, feedback, events, names, variants } = model;
  const { settingsEditable, contentEditable, maySubmit } = model;
  const found = model.case;
  const isSms = campaign.kind === 'sms';
  const errors = state.errors ?? {};
  return (
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
      {model.mayDecide && campaign.approvalRequest ? (
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
              previous={previousResultTexts(model.previous)}
              feedback={feedback}
              csrf={csrf}
              base={base}
              editable={contentEditable}
              error={errors.variants}
            />
            {model.mayTestSms ? (
              <p class="utrecht-paragraph">
                <a class="utrecht-link" href={`/campagnes/${campaign.id}/test-sms`}>
                  Test-sms versturen
                </a>{' '}
                naar een testnummer. Een test-sms telt niet mee en gaat nooit naar ontvangers.
              </p>
            ) : null}
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
                maxMb={model.maxUploadMb}
                {...(staged ? { staged } : {})}
              />
            ) : null}
            <UploadReports
              uploads={uploads}
              warnings={model.uploadWarnings}
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
      {model.retention ? (
        <RetentionSection
          campaign={campaign}
          certificate={model.retention.certificate}
          retentionDays={model.retention.retentionDays}
          mayPurgeNow={model.retention.mayPurgeNow}
        />
      ) : null}
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
    </>
  );
}
