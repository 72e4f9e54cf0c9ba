import type { Child } from 'hono/jsx';
import { ROLE_LABELS, RoleSchema } from '../../../core/auth/roles.js';
import type { User } from '../../../core/users/user.schema.js';
import { CheckboxField, TextField } from '../fields.js';
import { Alert, CsrfField } from '../layout.js';

/** The accounts of the municipality, with their actions and the form to add one. */
export const UsersPage = (props: { users: User[]; csrf: string; message?: Child; error?: string }) => (
  <>
    <h1 class="utrecht-heading-1">Gebruikers</h1>
    {props.error ? <Alert type="error">{props.error}</Alert> : null}
    {props.message ? <Alert type="ok">{props.message}</Alert> : null}
    <table class="utrecht-table">
      <caption class="utrecht-table__caption">Alle accounts van de gemeente</caption>
      <thead>
        <tr>
          <th scope="col">Gebruikersnaam</th>
          <th scope="col">Naam</th>
          <th scope="col">Rollen</th>
          <th scope="col">Status</th>
          <th scope="col">Acties</th>
        </tr>
      </thead>
      <tbody>
        {props.users.map((u) => (
          <tr>
            <td>{u.username}</td>
            <td>{u.displayName}</td>
            <td>{u.roles.map((r) => ROLE_LABELS[r]).join(', ')}</td>
            <td>{u.disabled ? 'Uitgeschakeld' : 'Actief'}</td>
            <td class="actions">
              <form
                method="post"
                action={`/beheer/gebruikers/${u.id}/${u.disabled ? 'inschakelen' : 'uitschakelen'}`}
              >
                <CsrfField token={props.csrf} />
                <button type="submit" class="utrecht-button utrecht-button--secondary-action">
                  {u.disabled ? 'Inschakelen' : 'Uitschakelen'}
                  <span class="visually-hidden"> {u.username}</span>
                </button>
              </form>
              <form method="post" action={`/beheer/gebruikers/${u.id}/wachtwoord`}>
                <CsrfField token={props.csrf} />
                <button type="submit" class="utrecht-button utrecht-button--secondary-action">
                  Nieuw wachtwoord<span class="visually-hidden"> voor {u.username}</span>
                </button>
              </form>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
    <h2 class="utrecht-heading-2">Gebruiker toevoegen</h2>
    <form method="post" action="/beheer/gebruikers" class="utrecht-form">
      <CsrfField token={props.csrf} />
      <TextField id="nieuw-username" name="username" label="Gebruikersnaam" required />
      <TextField id="nieuw-naam" name="displayName" label="Naam" required />
      <fieldset class="utrecht-form-fieldset">
        <legend class="utrecht-form-fieldset__legend">Rollen</legend>
        {RoleSchema.options.map((role) => (
          <CheckboxField id={`rol-${role}`} name="roles" value={role} label={ROLE_LABELS[role]} />
        ))}
      </fieldset>
      <button type="submit" class="utrecht-button utrecht-button--primary-action">
        Toevoegen
      </button>
    </form>
  </>
);

/** The one-time display of a new password. */
export const PasswordNotice = (props: { username: string; password: string }) => (
  <>
    Nieuw wachtwoord voor <strong>{props.username}</strong>: <code>{props.password}</code>. Geef het
    persoonlijk door; het wordt niet opnieuw getoond.
  </>
);
