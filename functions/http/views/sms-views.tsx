import type { FC } from 'hono/jsx';
import { EXCLUSION_REASONS, type FunnelStep, funnelOf } from '../../app/recipient-set.js';
import type { VariantFeedback } from '../../app/variant-feedback.js';
import type {
  Campaign,
  CampaignStatus,
  RecipientCounts,
  Variant,
} from '../../core/campaigns/campaign.schema.js';
import type { VariantReport } from '../../core/campaigns/variants.js';
import { renderSmsText } from '../../core/campaigns/variants.js';
import type { ContactUpload } from '../../core/ports.js';
import { formatCount, formatDateTime, formatEuro, statusLabel } from './sms-format.js';

export const FUNNEL_LABELS: Record<FunnelStep, string> = {
  found: 'Gevonden nummers',
  valid: 'Geldige nummers',
  unique: 'Unieke nummers',
  sendable: 'Verstuurbaar (mobiel, toegestaan land)',
  after_do_not_contact: 'Na de niet-benaderen-lijst',
  after_opt_out: 'Na afmeldingen (STOP)',
  after_recently_messaged: 'Na de frequentielimiet',
};

export const REASON_LABELS: Record<string, string> = {
  invalid: 'Geen geldig telefoonnummer',
  duplicate: 'Dubbel (op meer plaatsen gevonden)',
  not_mobile: 'Geen mobiel nummer (vast, 0800/0900, 097 en dergelijke)',
  country_not_allowed: 'Land niet toegestaan voor deze campagne',
  do_not_contact: 'Op de niet-benaderen-lijst van de gemeente',
  opt_out: 'Afgemeld (STOP)',
  recently_messaged: 'Kreeg onlangs al een bericht (frequentielimiet)',
};

export const StatusBadge: FC<{ status: CampaignStatus }> = ({ status }) => (
  <span class={`status-badge status-badge--${status}`}>{statusLabel(status)}</span>
);

/** The funnel as a table with CSS bars: the numbers are text, the bars only repeat them visually. */
export const FunnelChart: FC<{ counts: RecipientCounts; caption?: string }> = ({ counts, caption }) => {
  const steps = funnelOf(counts);
  const max = Math.max(1, steps[0]?.count ?? 1);
  return (
    <table class="utrecht-table funnel">
      <caption class="utrecht-table__caption">{caption ?? 'Van gevonden nummers naar ontvangers'}</caption>
      <thead>
        <tr>
          <th scope="col">Stap</th>
          <th scope="col">Aantal</th>
          <th scope="col">
            <span class="visually-hidden">Staafdiagram</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {steps.map((s) => (
          <tr>
            <th scope="row">{FUNNEL_LABELS[s.step]}</th>
            <td class="funnel__count">{formatCount(s.count)}</td>
            <td class="funnel__bar-cell">
              <span
                class="funnel__bar"
                aria-hidden="true"
                style={`width:${Math.max(0, Math.round((s.count / max) * 100))}%`}
              />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
};

export const ExclusionTable: FC<{ counts: RecipientCounts }> = ({ counts }) => (
  <table class="utrecht-table">
    <caption class="utrecht-table__caption">Niet verstuurd, per reden</caption>
    <thead>
      <tr>
        <th scope="col">Reden</th>
        <th scope="col">Aantal</th>
      </tr>
    </thead>
    <tbody>
      {EXCLUSION_REASONS.map((reason) => (
        <tr>
          <th scope="row">{REASON_LABELS[reason]}</th>
          <td>{formatCount(counts.excluded[reason] ?? 0)}</td>
        </tr>
      ))}
    </tbody>
  </table>
);

export const MaskedSamples: FC<{ samples: string[] }> = ({ samples }) =>
  samples.length === 0 ? (
    <p class="utrecht-paragraph">Nog geen ontvangers.</p>
  ) : (
    <ul class="utrecht-unordered-list masked-samples" aria-label="Voorbeelden van ontvangers, gemaskeerd">
      {samples.map((s) => (
        <li class="masked">{s}</li>
      ))}
    </ul>
  );

/** The text as a phone shows it: the opt-out line added, the links filled in, line breaks kept, in a bubble. */
export const PhonePreview: FC<{ text: string; links: PreviewLinks; sender: string; label: string }> = ({
  text,
  links,
  sender,
  label,
}) => (
  <figure class="phone-preview">
    <figcaption class="phone-preview__sender">
      <span class="visually-hidden">Voorbeeld op een telefoon van {label}, afzender </span>
      {sender}
    </figcaption>
    <p class="phone-preview__bubble">{renderSmsText(text, links)}</p>
  </figure>
);

/** A short example of the tracked link the variant will get, as long as the real one. */
export function previewLink(origin: string, index: number): string {
  return `${origin.replace(/\/+$/, '')}/r/v${String(index + 1).padStart(9, '0')}`;
}

export interface PreviewLinks {
  link: string;
  stop: string;
}

/** The example tracked link and the real stop link of a variant's preview. */
export function previewLinks(origin: string, index: number): PreviewLinks {
  return { link: previewLink(origin, index), stop: `${origin.replace(/\/+$/, '')}/stop` };
}

/** The live feedback of one variant: encoding, characters to blame, segments, cost, issues, preview. */
export const VariantFeedbackPanel: FC<{
  report: VariantReport;
  index: number;
  costPerMessage: number;
  text: string;
  links: PreviewLinks;
  sender: string;
  label: string;
  editable: boolean;
}> = ({ report, index, costPerMessage, text, links, sender, label, editable }) => {
  const a = report.analysis;
  return (
    <div class="variant-feedback" id={`feedback-${index}`} aria-live="polite">
      <p class="utrecht-paragraph">
        <strong>{a.encoding}</strong> · {formatCount(a.length)} tekens met de link en de afmeldregel meegeteld
        ·{' '}
        <strong>
          {a.segments} sms-{a.segments === 1 ? 'deel' : 'delen'}
        </strong>{' '}
        · nog {a.remainingInLastSegment} tekens vrij in het laatste deel · {formatEuro(costPerMessage)} per
        bericht
      </p>
      {report.issues.length > 0 ? (
        <ul class="utrecht-unordered-list variant-issues">
          {report.issues.map((issue) => (
            <li class={issue.level === 'error' ? 'issue issue--error' : 'issue issue--warning'}>
              {issue.level === 'error' ? 'Fout: ' : 'Let op: '}
              {issue.message}
            </li>
          ))}
        </ul>
      ) : (
        <p class="utrecht-paragraph issue issue--ok">Deze variant is in orde.</p>
      )}
      {a.nonGsmCharacters.length > 0 ? (
        <div class="ucs2">
          <p class="utrecht-paragraph">Tekens die de sms duurder maken (UCS-2):</p>
          <ul class="utrecht-unordered-list">
            {a.nonGsmCharacters.map((c) => (
              <li>
                <code>{c.char.trim() === '' ? c.codePoint : c.char}</code> ({c.codePoint}, {c.count}×) →{' '}
                {c.replacement === '' ? 'weglaten' : <code>{c.replacement}</code>}
              </li>
            ))}
          </ul>
          {editable ? (
            <button
              type="submit"
              name="actie"
              value={`vervang-${index}`}
              class="utrecht-button utrecht-button--secondary-action"
              data-replace={String(index)}
            >
              Vervang deze tekens<span class="visually-hidden"> in variant {index + 1}</span>
            </button>
          ) : null}
        </div>
      ) : null}
      {a.extendedCharacters.length > 0 ? (
        <p class="utrecht-paragraph">
          Tekens die dubbel tellen:{' '}
          {a.extendedCharacters.map((c) => (
            <>
              <code>{c.char}</code> ({c.count}×){' '}
            </>
          ))}
        </p>
      ) : null}
      <PhonePreview text={text} links={links} sender={sender} label={label} />
    </div>
  );
};

export const CostEstimate: FC<{ feedback: VariantFeedback }> = ({ feedback }) => (
  <p class="utrecht-paragraph" id="kostenraming" aria-live="polite">
    Kostenraming: {formatCount(feedback.estimate.segments)} sms-delen voor{' '}
    {formatCount(feedback.estimate.recipients)} ontvangers, ongeveer{' '}
    <strong>{formatEuro(feedback.estimate.cost)}</strong> (bij {formatEuro(feedback.pricePerSegment)} per
    deel; de langste varianten gerekend).
  </p>
);

export const UploadReports: FC<{
  uploads: ContactUpload[];
  campaignId: string;
  /** Unused since removing goes through its confirmation page; kept so callers need not change. */
  csrf?: string;
  removable: boolean;
  /** Per upload id, a warning shown in its row (no numbers, or the same file twice). */
  warnings?: Readonly<Record<string, string>>;
}> = ({ uploads, campaignId, removable, warnings }) =>
  uploads.length === 0 ? (
    <p class="utrecht-paragraph">Er zijn nog geen contactlijsten geüpload.</p>
  ) : (
    <table class="utrecht-table upload-reports">
      <caption class="utrecht-table__caption">Verslag per bestand</caption>
      <thead>
        <tr>
          <th scope="col">Bestand</th>
          <th scope="col">Telefoon</th>
          <th scope="col">Formaat</th>
          <th scope="col">Rijen of kaarten</th>
          <th scope="col">Nummers gevonden</th>
          <th scope="col">Geldig</th>
          <th scope="col">Status en problemen</th>
          {removable ? <th scope="col">Actie</th> : null}
        </tr>
      </thead>
      <tbody>
        {uploads.map((u) => {
          const problems = u.report.problems.length + u.report.problems_omitted;
          return (
            <tr>
              <td>{u.report.file}</td>
              <td>{u.report.source}</td>
              <td>{u.report.format === 'unreadable' ? 'onleesbaar' : u.report.format.toUpperCase()}</td>
              <td>{formatCount(u.report.records)}</td>
              <td>{formatCount(u.found)}</td>
              <td>{formatCount(u.valid)}</td>
              <td>
                {u.accepted ? 'Verwerkt' : 'Niet verwerkt'}
                {warnings?.[u.id] ? (
                  <p class="utrecht-paragraph upload-warning">
                    <strong>Let op:</strong> {warnings[u.id]}
                  </p>
                ) : null}
                {problems > 0 ? (
                  <details>
                    <summary>
                      {formatCount(problems)} {problems === 1 ? 'probleem' : 'problemen'}
                    </summary>
                    <ul class="utrecht-unordered-list">
                      {u.report.problems.map((p) => (
                        <li>
                          {p.line === null
                            ? 'Bestand'
                            : `${p.sheet ? `Blad ${p.sheet}, ` : ''}regel ${p.line}`}
                          : {p.reason}
                        </li>
                      ))}
                      {u.report.problems_omitted > 0 ? (
                        <li>en nog {formatCount(u.report.problems_omitted)} andere problemen</li>
                      ) : null}
                    </ul>
                  </details>
                ) : null}
              </td>
              {removable ? (
                <td>
                  <a class="utrecht-link" href={`/campagnes/${campaignId}/uploads/${u.id}/verwijderen`}>
                    Verwijderen…<span class="visually-hidden"> {u.report.file}</span>
                  </a>
                </td>
              ) : null}
            </tr>
          );
        })}
      </tbody>
    </table>
  );

/** The approval state of a campaign in words, for the adviser's page. */
export const ApprovalState: FC<{ campaign: Campaign; names: Map<string, string> }> = ({
  campaign,
  names,
}) => {
  const { approval, rejection, approvalRequest, withdrawal } = campaign;
  if (approval && approvalRequest && approval.requestSeq === approvalRequest.seq) {
    return (
      <div class="utrecht-alert utrecht-alert--ok" role="status">
        <div class="utrecht-alert__message">
          <p class="utrecht-paragraph">
            <strong>Goedgekeurd</strong> door {names.get(approval.approvedBy) ?? approval.approvedBy} op{' '}
            {formatDateTime(approval.at)}. Juridische referentie: <strong>{approval.legalReference}</strong>.
          </p>
          <p class="utrecht-paragraph">
            Geldig tot {formatDateTime(approval.expiresAt)}, voor hoogstens{' '}
            {formatCount(approval.approvedCount)} berichten.
          </p>
        </div>
      </div>
    );
  }
  if (campaign.status === 'rejected' && rejection) {
    return (
      <div class="utrecht-alert utrecht-alert--error" role="status">
        <div class="utrecht-alert__message">
          <p class="utrecht-paragraph">
            <strong>Afgewezen</strong> door {names.get(rejection.rejectedBy) ?? rejection.rejectedBy} op{' '}
            {formatDateTime(rejection.at)}.
          </p>
          <p class="utrecht-paragraph">Reden: {rejection.reason}</p>
          <p class="utrecht-paragraph">Pas de campagne aan en dien haar opnieuw in.</p>
        </div>
      </div>
    );
  }
  if (campaign.status === 'ready_for_approval' && approvalRequest) {
    return (
      <div class="utrecht-alert utrecht-alert--info" role="status">
        <div class="utrecht-alert__message">
          <p class="utrecht-paragraph">
            Ingediend op {formatDateTime(approvalRequest.requestedAt)}; wacht op het besluit van het OM.
          </p>
          <p class="utrecht-paragraph fingerprint">Vingerafdruk: {approvalRequest.fingerprint}</p>
        </div>
      </div>
    );
  }
  if (withdrawal && campaign.status === 'draft') {
    return (
      <div class="utrecht-alert utrecht-alert--warning" role="status">
        <div class="utrecht-alert__message">
          De goedkeuring is ingetrokken op {formatDateTime(withdrawal.at)}. Reden: {withdrawal.reason}
        </div>
      </div>
    );
  }
  return null;
};

/** Variants of an approval request as the phone shows them. */
export const FrozenVariants: FC<{ variants: Variant[]; origin: string; sender: string }> = ({
  variants,
  origin,
  sender,
}) => (
  <ol class="frozen-variants">
    {variants.map((v, i) => (
      <li>
        <h3 class="utrecht-heading-3">
          Variant {i + 1}: {v.label || v.id}
        </h3>
        <PhonePreview text={v.text} links={previewLinks(origin, i)} sender={sender} label={v.label || v.id} />
      </li>
    ))}
  </ol>
);
