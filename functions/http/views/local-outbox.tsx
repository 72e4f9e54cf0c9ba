import type { FC } from 'hono/jsx';
import type { LocalOutboxModel } from '../../app/local-outbox.js';
import { maskE164 } from '../../core/contacts/mask.js';
import { Alert, CsrfField } from './layout.js';
import { formatCount, formatDateTime } from './sms-format.js';

/** The local outbox as a phone would show it: sender, masked number, text, receipt. */
export const OutboxView: FC<
  LocalOutboxModel & {
    csrf: string;
    notice?: string;
  }
> = ({ messages, settings, campaigns, campaignId, csrf, notice }) => (
  <>
    <h1 class="utrecht-heading-1">Uitgaande berichten (lokaal)</h1>
    <p class="utrecht-paragraph">
      Dit zijn de berichten die de lokale sms-provider heeft ontvangen. Niets hiervan gaat naar een echte
      telefoon. Nummers staan gemaskeerd.
    </p>
    {notice ? <Alert type="ok">{notice}</Alert> : null}
    <form method="get" action="/lokaal/uitgaande-berichten" class="inline-form">
      <div class="utrecht-form-field">
        <label class="utrecht-form-label" for="campagne">
          Campagne
        </label>
        <select class="utrecht-select utrecht-select--html-select" id="campagne" name="campagne">
          <option value="" selected={campaignId === undefined}>
            Alle campagnes
          </option>
          {campaigns.map((campaign) => (
            <option value={campaign.id} selected={campaign.id === campaignId}>
              {campaign.name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" class="utrecht-button utrecht-button--secondary-action">
        Toon berichten
      </button>
    </form>
    <p class="utrecht-paragraph" data-veld="outbox.count">
      {formatCount(messages.length)} bericht(en) getoond
      {campaignId === undefined
        ? ''
        : ` van campagne ${campaigns.find((campaign) => campaign.id === campaignId)?.name ?? ''}`}
      , nieuwste eerst.
    </p>
    <ol class="outbox">
      {messages.map((m) => (
        <li class="outbox__message">
          <figure class="phone-preview">
            <figcaption class="phone-preview__sender">
              {m.test ? (
                <strong class="outbox__test" data-veld="outbox.test">
                  Test ·{' '}
                </strong>
              ) : null}
              {m.senderId} → <span class="masked">{maskE164(m.to)}</span>
            </figcaption>
            <p class="phone-preview__bubble">
              <MessageText body={m.body} />
            </p>
            <p class="muted">
              {formatDateTime(m.at)} ·{' '}
              {m.outcome === 'hung' ? 'geen antwoord (storing nagebootst)' : 'aangenomen'}
              {m.receipt ? ` · ${m.receipt === 'delivered' ? 'afgeleverd' : 'niet afgeleverd'}` : ''}
            </p>
          </figure>
        </li>
      ))}
    </ol>
    <form method="post" action="/lokaal/uitgaande-berichten/instellingen" class="card">
      <CsrfField token={csrf} />
      <h2 class="utrecht-heading-2">Storingen nabootsen</h2>
      <div class="utrecht-form-field">
        <input
          type="checkbox"
          id="simulateReceipts"
          name="simulateReceipts"
          value="ja"
          checked={settings.simulateReceipts}
        />{' '}
        <label for="simulateReceipts">Afleverberichten nabootsen</label>
      </div>
      {(
        [
          ['deliveredShare', 'Deel afgeleverd (0–1)', settings.deliveredShare],
          ['receiptDelayMs', 'Vertraging afleverbericht (ms)', settings.receiptDelayMs],
          ['latencyMs', 'Vertraging per bericht (ms)', settings.latencyMs],
          ['throttleShare', 'Deel geweigerd wegens drukte (0–1)', settings.throttleShare],
          ['permanentShare', 'Deel blijvend mislukt (0–1)', settings.permanentShare],
          ['hangShare', 'Deel zonder antwoord (0–1)', settings.hangShare],
          ['hangMs', 'Wachttijd zonder antwoord (ms)', settings.hangMs],
        ] as const
      ).map(([name, label, value]) => (
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for={name}>
            {label}
          </label>
          <input
            class="utrecht-textbox utrecht-textbox--html-input"
            id={name}
            name={name}
            inputmode="decimal"
            value={String(value)}
          />
        </div>
      ))}
      <button type="submit" class="utrecht-button utrecht-button--secondary-action">
        Opslaan
      </button>
    </form>
  </>
);

/** The message as a phone shows it: its links can be followed, as the recipient would tap them. */
const MessageText: FC<{ body: string }> = ({ body }) => (
  <>
    {body.split(/(https?:\/\/[^\s]+)/).map((part, i) =>
      i % 2 === 1 ? (
        <a class="utrecht-link" href={part} rel="noreferrer">
          {part}
        </a>
      ) : (
        part
      ),
    )}
  </>
);
