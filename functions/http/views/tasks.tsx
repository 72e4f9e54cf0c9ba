import type { FC } from 'hono/jsx';
import type { LocalMailOutboxModel } from '../../app/mail-outbox.js';
import type { MailPreference } from '../../core/tasks/mail.js';
import type { Task } from '../../core/tasks/my-tasks.js';
import { ErrorSummary, type FieldError, FieldErrorMessage, FieldGroup, fieldAria } from './form-errors.js';
import { Alert, CsrfField } from './layout.js';
import { formatDateTime } from './sms-format.js';

/** "Mijn taken" at the top of the overview: each task a sentence linking to where it is done. */
export const MyTasks: FC<{ tasks: readonly Task[]; notify: boolean }> = ({ tasks, notify }) => (
  <section class="card my-tasks" aria-labelledby="mijn-taken">
    <h2 class="utrecht-heading-2" id="mijn-taken">
      Mijn taken
    </h2>
    {tasks.length === 0 ? (
      <p class="utrecht-paragraph" data-veld="taken.leeg">
        Geen taken.
      </p>
    ) : (
      <ul class="utrecht-unordered-list" data-veld="taken">
        {tasks.map((task) => (
          <li data-taak={task.kind}>
            <a class="utrecht-link" href={task.href}>
              {task.text}
            </a>
          </li>
        ))}
      </ul>
    )}
    <p class="utrecht-paragraph muted">
      E-mail bij een nieuwe taak: {notify ? 'aan' : 'uit'}.{' '}
      <a class="utrecht-link" href="/meldingen">
        E-mailmeldingen instellen
      </a>
    </p>
  </section>
);

/** The person's own choice about mails of new tasks. */
export const MailPreferencePage: FC<{
  preference: MailPreference;
  csrf: string;
  errors?: FieldError[];
  typed?: { email: string; notify: boolean };
  saved?: boolean;
}> = ({ preference, csrf, errors, typed, saved }) => {
  const email = typed?.email ?? preference.email ?? '';
  const notify = typed?.notify ?? preference.notify;
  return (
    <>
      <h1 class="utrecht-heading-1">E-mailmeldingen</h1>
      <ErrorSummary errors={errors} />
      {saved ? <Alert type="ok">Uw keuze is opgeslagen.</Alert> : null}
      <p class="utrecht-paragraph">
        Wilt u een e-mail als er een nieuwe taak voor u klaarstaat? De e-mail noemt alleen de soort taak en
        bevat geen namen, adressen, telefoonnummers of campagnegegevens. U leest de taak zelf na het inloggen.
      </p>
      <form method="post" action="/meldingen" class="card" novalidate>
        <CsrfField token={csrf} />
        <FieldGroup errors={errors} field="email">
          <label class="utrecht-form-label" for="email">
            Uw e-mailadres (werk)
          </label>
          <p class="utrecht-form-field-description" id="email-uitleg">
            Alleen voor deze meldingen; leeg laten mag als u geen meldingen wilt.
          </p>
          <FieldErrorMessage errors={errors} field="email" />
          <input
            class="utrecht-textbox utrecht-textbox--html-input"
            id="email"
            name="email"
            type="email"
            autocomplete="email"
            maxlength={254}
            value={email}
            {...fieldAria(errors, 'email', 'email-uitleg')}
          />
        </FieldGroup>
        <div class="utrecht-form-field utrecht-form-field--checkbox">
          <input
            type="checkbox"
            class="utrecht-checkbox utrecht-checkbox--html-input"
            id="notify"
            name="notify"
            value="ja"
            checked={notify}
          />
          <label class="utrecht-form-label utrecht-form-label--checkbox" for="notify">
            Stuur mij een e-mail bij een nieuwe taak
          </label>
        </div>
        <button type="submit" class="utrecht-button utrecht-button--primary-action">
          Opslaan
        </button>
      </form>
    </>
  );
};

/** The embedded default's mail outbox: what the local mail provider "sent"; nothing leaves the machine. */
export const MailOutboxPage: FC<LocalMailOutboxModel> = ({ mails, all }) => (
  <>
    <h1 class="utrecht-heading-1">Uitgaande e-mail (lokaal)</h1>
    <p class="utrecht-paragraph">
      Dit zijn de e-mails die de lokale mailprovider heeft ontvangen. Niets hiervan gaat naar een echte
      mailbox. {all ? 'U ziet alle e-mails.' : 'U ziet de e-mails aan uw eigen adres.'}
    </p>
    {mails.length === 0 ? (
      <p class="utrecht-paragraph" data-veld="mail.leeg">
        Er zijn nog geen e-mails verstuurd.
      </p>
    ) : (
      <ol class="outbox" data-veld="mails">
        {mails.map((mail) => (
          <li class="outbox__message card">
            <h2 class="utrecht-heading-3">{mail.subject}</h2>
            <p class="muted">
              {formatDateTime(mail.at)} · van {mail.from} · aan {mail.to}
            </p>
            <pre class="mail-text">{linked(mail.text)}</pre>
          </li>
        ))}
      </ol>
    )}
  </>
);

/** The mail's text with its sign-in address as a link, the way a mail program shows it. */
function linked(text: string) {
  return text.split(/(https?:\/\/[^\s]+)/).map((part) =>
    /^https?:\/\//.test(part) ? (
      <a class="utrecht-link" href={part}>
        {part}
      </a>
    ) : (
      part
    ),
  );
}
