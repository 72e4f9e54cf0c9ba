import { MAX_FILES_PER_UPLOAD } from '../../../app/contact-uploads.js';
import type { StagedContactForms } from '../../../app/sms-pages.js';
import type { Campaign } from '../../../core/campaigns/campaign.schema.js';
import type { ContactUpload } from '../../../core/ports.js';
import { ConfirmPage } from '../confirm.js';
import { Alert, CsrfField } from '../layout.js';
import { formatCount } from '../sms-format.js';

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

/** The form for the contact files of one phone: to this app, or straight to staging storage. */
export const UploadForm = (props: {
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

/** The question before removing one uploaded file's numbers from a campaign. */
export const RemoveUploadConfirm = (props: { campaign: Campaign; upload: ContactUpload; csrf: string }) => {
  const { campaign, upload } = props;
  return (
    <ConfirmPage
      title={`Upload „${upload.report.file}” verwijderen?`}
      action={`/campagnes/${campaign.id}/uploads/${upload.id}/verwijderen`}
      csrf={props.csrf}
      confirmLabel="Ja, upload verwijderen"
      backHref={`/campagnes/${campaign.id}#contactlijsten`}
      backLabel="Nee, terug naar de campagne"
    >
      <p class="utrecht-paragraph">
        De {formatCount(upload.distinct)} nummers uit dit bestand ({upload.report.source}) gaan uit de
        ontvangers van „{campaign.name}”, tenzij ze ook in een ander bestand staan. De ontvangers worden
        opnieuw berekend; een verzoek om goedkeuring of een goedkeuring vervalt daardoor. Om ze terug te
        krijgen uploadt u het bestand opnieuw.
      </p>
    </ConfirmPage>
  );
};
