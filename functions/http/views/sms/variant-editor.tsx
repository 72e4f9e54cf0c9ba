import type { PooledVariant } from '../../../app/case-results.js';
import type { VariantFeedback } from '../../../app/variant-feedback.js';
import type { Campaign, Variant } from '../../../core/campaigns/campaign.schema.js';
import { OPT_OUT_LINE } from '../../../core/campaigns/sms-text.js';
import { MAX_VARIANTS } from '../../../core/campaigns/variants.js';
import {
  formatInterval,
  formatPercent,
  formatCount as formatWholeNumber,
} from '../../../core/results/format.js';
import { Alert, CsrfField } from '../layout.js';
import { CostEstimate, previewLinks, VariantFeedbackPanel } from '../sms-views.js';

/** The live feedback panel of each variant, in order. */
export function renderFeedback(
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

/** "eerder: 4,1 % klikken (95 %: 3,0–5,5 %), n = 1.240" per variant id. */
export function previousResultTexts(rows: ReadonlyMap<string, PooledVariant>): Map<string, string> {
  return new Map(
    [...rows].map(([id, r]) => [
      id,
      `eerder: ${formatPercent(r.rate.estimate)} klikken (95 %: ${formatInterval(r.rate)}), n = ${formatWholeNumber(r.sends)} in ${formatWholeNumber(r.campaigns)} ${r.campaigns === 1 ? 'campagne' : 'campagnes'}`,
    ]),
  );
}

/** The variant editor: one fieldset per variant with its feedback, the cost estimate and the actions. */
export const VariantEditor = (props: {
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
