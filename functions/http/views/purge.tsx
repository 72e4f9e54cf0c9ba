import type { FC } from 'hono/jsx';
import { type CertificateLine, SIGNATURE_LINES, SIGNATURE_PARTIES } from '../../app/purge-certificate.js';
import type { Campaign } from '../../core/campaigns/campaign.schema.js';
import type { PurgeCertificate } from '../../core/retention/purge.schema.js';
import { formatDutchDateTime } from '../../core/shared/dutch-time.js';
import { Alert, CsrfField } from './layout.js';
import { formatCount } from './sms-format.js';

const SECTIONS: { id: CertificateLine['section']; title: string }[] = [
  { id: 'verklaring', title: 'Verklaring' },
  { id: 'verwijderd', title: 'Verwijderd' },
  { id: 'bewaard', title: 'Bewaard (alleen aantallen)' },
];

/** The certificate's lines as one table per section. */
export const CertificateTables: FC<{ lines: CertificateLine[] }> = ({ lines }) => (
  <>
    {SECTIONS.map((section) => (
      <section aria-labelledby={`verklaring-${section.id}`}>
        <h2 class="utrecht-heading-2" id={`verklaring-${section.id}`}>
          {section.title}
        </h2>
        <table class="utrecht-table certificate__table">
          <tbody class="utrecht-table__body">
            {lines
              .filter((l) => l.section === section.id)
              .map((l) => (
                <tr class="utrecht-table__row">
                  <th class="utrecht-table__header-cell" scope="row">
                    {l.label}
                  </th>
                  <td class="utrecht-table__cell">
                    <span class={l.label.startsWith('Vingerafdruk') ? 'fingerprint' : undefined}>
                      {l.value}
                    </span>
                    {l.note ? <p class="utrecht-paragraph muted certificate__note">{l.note}</p> : null}
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      </section>
    ))}
  </>
);

/** Links to the certificate's page and exports. */
export const CertificateLinks: FC<{ campaignId: string }> = ({ campaignId }) => (
  <ul class="utrecht-unordered-list no-print">
    <li>
      <a class="utrecht-link" href={`/campagnes/${campaignId}/vernietigingsverklaring`}>
        Vernietigingsverklaring bekijken en afdrukken
      </a>
    </li>
    <li>
      <a
        class="utrecht-link"
        href={`/campagnes/${campaignId}/vernietigingsverklaring.csv`}
        download={`vernietigingsverklaring-${campaignId}.csv`}
      >
        Download als CSV
      </a>
    </li>
    <li>
      <a class="utrecht-link" href={`/campagnes/${campaignId}/vernietigingsverklaring.pdf`}>
        Download als PDF
      </a>
    </li>
  </ul>
);

/**
 * The campaign page's section on retention: the certificate once purged; otherwise when the numbers go
 * and, for the admin and the OM liaison, the way to "nu verwijderen".
 */
export const RetentionSection: FC<{
  campaign: Campaign;
  certificate: PurgeCertificate | undefined;
  retentionDays: number;
  mayPurgeNow: boolean;
}> = ({ campaign, certificate, retentionDays, mayPurgeNow }) => (
  <section aria-labelledby="bewaartermijn" class="card">
    <h2 class="utrecht-heading-2" id="bewaartermijn">
      Bewaartermijn en vernietiging
    </h2>
    {certificate ? (
      <>
        <p class="utrecht-paragraph">
          Alle telefoonnummers van deze campagne zijn verwijderd op{' '}
          {formatDutchDateTime(certificate.purgedAt)}: {formatCount(certificate.deleted.recipient_items)}{' '}
          ontvangers. De aantallen en de audittrail zijn bewaard.
        </p>
        <CertificateLinks campaignId={campaign.id} />
      </>
    ) : (
      <>
        <p class="utrecht-paragraph">
          De telefoonnummers worden automatisch verwijderd {retentionDays} dagen na de laatste verzending of
          de annulering. Daarna blijven alleen de aantallen en de audittrail over.
        </p>
        {mayPurgeNow ? (
          <p class="utrecht-paragraph">
            <a class="utrecht-link" href={`/campagnes/${campaign.id}/nu-verwijderen`}>
              Nummers nu verwijderen
            </a>
          </p>
        ) : null}
      </>
    )}
  </section>
);

/** The explicit confirmation before "nu verwijderen". */
export const PurgeConfirmForm: FC<{
  campaign: Campaign;
  recipients: number;
  csrf: string;
  error?: string | undefined;
}> = ({ campaign, recipients, csrf, error }) => (
  <form method="post" action={`/campagnes/${campaign.id}/nu-verwijderen`} class="utrecht-form card">
    {error ? <Alert type="error">{error}</Alert> : null}
    <CsrfField token={csrf} />
    <p class="utrecht-paragraph">
      U staat op het punt alle telefoonnummers van <strong>{campaign.name}</strong> definitief te verwijderen:{' '}
      {formatCount(recipients)} ontvangers, de uit de bestanden gehaalde nummers en de namen van de geüploade
      bestanden. Dit kan niet ongedaan worden gemaakt. De aantallen, de audittrail en de
      vernietigingsverklaring blijven bewaard.
    </p>
    <div class="utrecht-form-field utrecht-form-field--checkbox">
      <input
        type="checkbox"
        class="utrecht-checkbox utrecht-checkbox--html-input"
        id="bevestig"
        name="bevestig"
        value="ja"
        required
      />
      <label class="utrecht-form-label utrecht-form-label--checkbox" for="bevestig">
        Ja, verwijder alle telefoonnummers van deze campagne nu
      </label>
    </div>
    <button type="submit" class="utrecht-button utrecht-button--primary-action">
      Nu definitief verwijderen
    </button>
  </form>
);

/** The page before "nu verwijderen": the confirmation, or why this campaign cannot be purged now. */
export const PurgeConfirmPage: FC<{
  campaign: Campaign;
  purgeable: boolean;
  recipients: number;
  csrf: string;
  error?: string | undefined;
}> = ({ campaign, purgeable, recipients, csrf, error }) => (
  <>
    <p class="utrecht-paragraph">
      <a class="utrecht-link" href={`/campagnes/${campaign.id}`}>
        Terug naar de campagne
      </a>
    </p>
    <h1 class="utrecht-heading-1">Telefoonnummers nu verwijderen</h1>
    {purgeable ? (
      <PurgeConfirmForm campaign={campaign} recipients={recipients} csrf={csrf} error={error} />
    ) : (
      <>
        {error ? <Alert type="error">{error}</Alert> : null}
        <Alert type="warning">
          {campaign.status === 'purged'
            ? 'De nummers van deze campagne zijn al verwijderd.'
            : 'Deze campagne kan nu niet worden verwijderd. Een ingeplande of lopende verzending annuleert u eerst; een wijkbericht bevat geen telefoonnummers.'}
        </Alert>
      </>
    )}
  </>
);

/** Lines to sign on paper: name, function, date and signature for each party. */
export const SignatureBlock: FC<{ campaignName: string; purgedAt: string }> = ({
  campaignName,
  purgedAt,
}) => (
  <section aria-labelledby="ondertekening" class="signature-section">
    <h2 class="utrecht-heading-2" id="ondertekening">
      Ondertekening
    </h2>
    <p class="utrecht-paragraph">
      Vernietigingsverklaring van de campagne {campaignName}, verwijderd op {formatDutchDateTime(purgedAt)}.
      Druk deze pagina af (Ctrl+P of Cmd+P) om te ondertekenen.
    </p>
    <div class="signature-block">
      {SIGNATURE_PARTIES.map((party) => (
        <div class="signature-block__party">
          <h3 class="utrecht-heading-3">{party}</h3>
          {SIGNATURE_LINES.map((line) => (
            <p
              class={`signature-block__line${line === 'Handtekening' ? ' signature-block__line--tall' : ''}`}
            >
              <span>{line}</span>
              <span aria-hidden="true" />
            </p>
          ))}
        </div>
      ))}
    </div>
  </section>
);

/** The purge certificate as a page, with its downloads and a signature block for printing. */
export const CertificatePage: FC<{
  campaignId: string;
  campaignName: string;
  purgedAt: string;
  lines: CertificateLine[];
}> = ({ campaignId, campaignName, purgedAt, lines }) => (
  <div class="certificate">
    <p class="utrecht-paragraph no-print">
      <a class="utrecht-link" href={`/campagnes/${campaignId}`}>
        Terug naar de campagne
      </a>
    </p>
    <h1 class="utrecht-heading-1">Vernietigingsverklaring telefoonnummers</h1>
    <p class="utrecht-paragraph">
      Alle telefoonnummers van deze sms-campagne zijn verwijderd. Bewaard zijn alleen de aantallen hieronder
      en de audittrail. Tijden zijn Nederlandse tijd.
    </p>
    <CertificateLinks campaignId={campaignId} />
    <CertificateTables lines={lines} />
    <SignatureBlock campaignName={campaignName} purgedAt={purgedAt} />
  </div>
);
