import type { Hono } from 'hono';
import { audit, listAudit } from '../../app/audit.js';
import type { AppDeps } from '../../app/deps.js';
import { lettersVoidedBySettings, voidLettersAfterSettingsChange } from '../../app/letter-content.js';
import { getSettings, SETTING_LABELS, updateSettings } from '../../app/settings.js';
import { createUser, listUsers, resetPassword, setUserDisabled } from '../../app/users.js';
import {
  AuditActionSchema,
  type AuditEvent,
  AuditSubjectTypeSchema,
  toAuditCsv,
} from '../../core/audit/index.js';
import { ROLE_LABELS, type Role, RoleSchema } from '../../core/auth/roles.js';
import { isDomainError } from '../../core/errors.js';
import { type Settings, SettingsSchema } from '../../core/settings/settings.schema.js';
import type { User } from '../../core/users/user.schema.js';
import { actingOf, route } from '../access.js';
import type { AppEnv } from '../env.js';
import { statusOf } from '../errors.js';
import { page } from '../responses.js';
import { CheckboxField, TextField } from '../views/fields.js';
import { Alert, CsrfField } from '../views/layout.js';
import { VoidConfirmation } from '../views/void-confirmation.js';

function formatTime(iso: string): string {
  return new Intl.DateTimeFormat('nl-NL', {
    dateStyle: 'short',
    timeStyle: 'medium',
    timeZone: 'Europe/Amsterdam',
  }).format(new Date(iso));
}

const UsersPage = (props: { users: User[]; csrf: string; message?: unknown; error?: string }) => (
  <>
    <h1 class="utrecht-heading-1">Gebruikers</h1>
    {props.error ? <Alert type="error">{props.error}</Alert> : null}
    {props.message ? <Alert type="ok">{props.message as never}</Alert> : null}
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

const PasswordNotice = (props: { username: string; password: string }) => (
  <>
    Nieuw wachtwoord voor <strong>{props.username}</strong>: <code>{props.password}</code>. Geef het
    persoonlijk door; het wordt niet opnieuw getoond.
  </>
);

const SettingsPage = (props: { settings: Settings; csrf: string; error?: string; saved?: boolean }) => {
  const s = props.settings;
  const field = (name: keyof Settings, value: string, type: 'text' | 'number' | 'color' = 'text') => (
    <TextField
      id={`s-${name}`}
      name={name}
      label={SETTING_LABELS[name]}
      type={type}
      value={value}
      {...(type === 'number' ? { step: 'any' } : {})}
    />
  );

  return (
    <>
      <h1 class="utrecht-heading-1">Gemeente-instellingen</h1>
      {props.error ? <Alert type="error">{props.error}</Alert> : null}
      {props.saved ? <Alert type="ok">De instellingen zijn opgeslagen.</Alert> : null}
      <form method="post" action="/beheer/instellingen" class="utrecht-form">
        <CsrfField token={props.csrf} />
        {field('municipality', s.municipality)}
        {field('primaryColor', s.primaryColor, 'color')}
        {field('senderLine', s.senderLine)}
        {field('signatureTitle', s.signatureTitle)}
        {field('generalContact', s.generalContact)}
        {field('allowedLinkDomains', s.allowedLinkDomains.join(', '))}
        {field('maxRatePerSecond', String(s.maxRatePerSecond), 'number')}
        {field('frequencyCapDays', String(s.frequencyCapDays), 'number')}
        {field('approvalValidityDays', String(s.approvalValidityDays), 'number')}
        {field('retentionDays', String(s.retentionDays), 'number')}
        {field('maxRadiusMetres', String(s.maxRadiusMetres), 'number')}
        {field('pricePerSegmentEur', String(s.pricePerSegmentEur), 'number')}
        <button type="submit" class="utrecht-button utrecht-button--primary-action">
          Opslaan
        </button>
      </form>
    </>
  );
};

const AuditPage = (props: {
  events: AuditEvent[];
  filters: Record<string, string>;
  users: Map<string, string>;
}) => (
  <>
    <h1 class="utrecht-heading-1">Audittrail</h1>
    <p class="utrecht-paragraph">
      Elke wijziging in Perspectief staat hier: wie, wat, wanneer en op welke gegevens (vingerafdruk). Er
      staan nooit telefoonnummers of namen van ontvangers in.
    </p>
    <form method="get" action="/beheer/audit" class="utrecht-form filters">
      <FilterSelect
        id="f-actie"
        name="actie"
        label="Actie"
        all="Alle acties"
        options={AuditActionSchema.options}
        selected={props.filters.actie}
      />
      <FilterSelect
        id="f-onderwerp"
        name="onderwerp"
        label="Onderwerp"
        all="Alle onderwerpen"
        options={AuditSubjectTypeSchema.options}
        selected={props.filters.onderwerp}
      />
      <div class="actions">
        <button type="submit" class="utrecht-button utrecht-button--secondary-action">
          Filteren
        </button>
        <a
          class="utrecht-link"
          href={`/beheer/audit.csv?${new URLSearchParams(props.filters).toString()}`}
          download="audittrail.csv"
        >
          Download als CSV
        </a>
      </div>
    </form>
    {props.events.length === 0 ? (
      <p class="utrecht-paragraph">Geen gebeurtenissen gevonden met deze filters.</p>
    ) : (
      <table class="utrecht-table">
        <caption class="utrecht-table__caption">{props.events.length} gebeurtenissen, nieuwste eerst</caption>
        <thead>
          <tr>
            <th scope="col">Tijd</th>
            <th scope="col">Wie</th>
            <th scope="col">Rol</th>
            <th scope="col">Actie</th>
            <th scope="col">Onderwerp</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {props.events.map((e) => (
            <tr>
              <td>{formatTime(e.at)}</td>
              <td>{props.users.get(e.actorUserId) ?? e.actorUserId}</td>
              <td>{e.actorRole === 'system' ? 'Systeem' : ROLE_LABELS[e.actorRole]}</td>
              <td>{e.action}</td>
              <td>
                {e.subjectType} <code>{e.subjectId.slice(0, 12)}</code>
              </td>
              <td>
                <code class="details">{JSON.stringify(e.details)}</code>
                {e.fingerprint ? <div class="muted">vingerafdruk {e.fingerprint}</div> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    )}
  </>
);

const FilterSelect = (props: {
  id: string;
  name: string;
  label: string;
  all: string;
  options: readonly string[];
  selected: string | undefined;
}) => (
  <div class="utrecht-form-field">
    <label class="utrecht-form-label" for={props.id}>
      {props.label}
    </label>
    <select class="utrecht-select utrecht-select--html-select" id={props.id} name={props.name}>
      <option value="">{props.all}</option>
      {props.options.map((option) => (
        <option value={option} selected={props.selected === option}>
          {option}
        </option>
      ))}
    </select>
  </div>
);

function auditFilters(query: Record<string, string>) {
  const action = AuditActionSchema.safeParse(query.actie);
  const subject = AuditSubjectTypeSchema.safeParse(query.onderwerp);
  return {
    ...(action.success ? { action: action.data } : {}),
    ...(subject.success ? { subjectType: subject.data } : {}),
  };
}

export function adminRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  route(app, 'get', '/beheer/gebruikers', 'admin.manage', async (c) =>
    page(c, 'Gebruikers', <UsersPage users={await listUsers(deps)} csrf={c.get('csrfToken')} />),
  );

  route(app, 'post', '/beheer/gebruikers', 'admin.manage', async (c) => {
    const form = await c.req.parseBody({ all: true });
    const roles = ([] as unknown[])
      .concat(form.roles ?? [])
      .map((r) => RoleSchema.safeParse(r))
      .filter((r) => r.success)
      .map((r) => r.data as Role);
    try {
      const { user, password } = await createUser(deps, actingOf(c), {
        username: String(form.username ?? ''),
        displayName: String(form.displayName ?? ''),
        roles,
      });
      return page(
        c,
        'Gebruikers',
        <UsersPage
          users={await listUsers(deps)}
          csrf={c.get('csrfToken')}
          message={<PasswordNotice username={user.username} password={password} />}
        />,
        201,
      );
    } catch (error) {
      if (!isDomainError(error)) throw error;
      return page(
        c,
        'Gebruikers',
        <UsersPage users={await listUsers(deps)} csrf={c.get('csrfToken')} error={error.userMessage} />,
        statusOf(error),
      );
    }
  });

  for (const [path, disabled] of [
    ['uitschakelen', true],
    ['inschakelen', false],
  ] as const) {
    route(app, 'post', `/beheer/gebruikers/:id/${path}`, 'admin.manage', async (c) => {
      await setUserDisabled(deps, actingOf(c), c.req.param('id') ?? '', disabled);
      return c.redirect('/beheer/gebruikers', 303);
    });
  }

  route(app, 'post', '/beheer/gebruikers/:id/wachtwoord', 'admin.manage', async (c) => {
    const { user, password } = await resetPassword(deps, actingOf(c), c.req.param('id') ?? '');
    return page(
      c,
      'Gebruikers',
      <UsersPage
        users={await listUsers(deps)}
        csrf={c.get('csrfToken')}
        message={<PasswordNotice username={user.username} password={password} />}
      />,
    );
  });

  route(app, 'get', '/beheer/instellingen', 'admin.manage', async (c) =>
    page(c, 'Instellingen', <SettingsPage settings={await getSettings(deps)} csrf={c.get('csrfToken')} />),
  );

  route(app, 'post', '/beheer/instellingen', 'admin.manage', async (c) => {
    const form = await c.req.parseBody();
    const current = await getSettings(deps);
    const text = (name: string) => (typeof form[name] === 'string' ? (form[name] as string).trim() : '');
    const num = (name: string) => Number(text(name).replace(',', '.'));
    const input = {
      ...current,
      municipality: text('municipality'),
      primaryColor: text('primaryColor'),
      senderLine: text('senderLine'),
      signatureTitle: text('signatureTitle'),
      generalContact: text('generalContact'),
      allowedLinkDomains: text('allowedLinkDomains')
        .split(/[\s,]+/)
        .filter(Boolean)
        .map((d) => d.toLowerCase()),
      maxRatePerSecond: num('maxRatePerSecond'),
      frequencyCapDays: num('frequencyCapDays'),
      approvalValidityDays: num('approvalValidityDays'),
      retentionDays: num('retentionDays'),
      maxRadiusMetres: num('maxRadiusMetres'),
      pricePerSegmentEur: num('pricePerSegmentEur'),
    };
    try {
      // A change that alters an approved or submitted letter voids it: say so first, then save and void.
      const parsed = SettingsSchema.safeParse(input);
      const affected = parsed.success ? await lettersVoidedBySettings(deps, parsed.data) : [];
      if (affected.length > 0 && text('bevestig') !== '1') {
        const fields: Record<string, string> = {};
        for (const [name, value] of Object.entries(form)) {
          if (name !== '_csrf' && name !== 'bevestig' && typeof value === 'string') fields[name] = value;
        }
        const kinds = new Set(affected.map((a) => a.voids));
        return page(
          c,
          'Wijziging bevestigen',
          <VoidConfirmation
            csrf={c.get('csrfToken')}
            action="/beheer/instellingen"
            cancel="/beheer/instellingen"
            what={
              kinds.size > 1
                ? 'de goedkeuring of aanvraag tot goedkeuring'
                : kinds.has('approval')
                  ? 'de goedkeuring'
                  : 'de aanvraag tot goedkeuring'
            }
            name={affected.map((a) => a.campaign.name).join('”, „')}
            fields={fields}
          />,
          409,
        );
      }
      const saved = await updateSettings(deps, actingOf(c), input);
      await voidLettersAfterSettingsChange(deps, await lettersVoidedBySettings(deps, saved));
      c.set('settings', saved);
      return page(c, 'Instellingen', <SettingsPage settings={saved} csrf={c.get('csrfToken')} saved />);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      return page(
        c,
        'Instellingen',
        <SettingsPage settings={current} csrf={c.get('csrfToken')} error={error.userMessage} />,
        statusOf(error),
      );
    }
  });

  route(app, 'get', '/beheer/audit', 'admin.manage', async (c) => {
    const query = c.req.query();
    const [events, users] = await Promise.all([listAudit(deps, auditFilters(query)), listUsers(deps)]);
    const filters = Object.fromEntries(
      Object.entries({ actie: query.actie ?? '', onderwerp: query.onderwerp ?? '' }).filter(([, v]) => v),
    );
    return page(
      c,
      'Audittrail',
      <AuditPage events={events} filters={filters} users={new Map(users.map((u) => [u.id, u.username]))} />,
    );
  });

  route(app, 'get', '/beheer/audit.csv', 'admin.manage', async (c) => {
    const events = await listAudit(deps, { ...auditFilters(c.req.query()), limit: 10_000 }, 12);
    await audit(deps, actingOf(c), {
      action: 'audit.exported',
      subjectType: 'audit',
      subjectId: 'global',
      details: { counts: { events: events.length } },
    });
    return c.body(toAuditCsv(events), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="audittrail.csv"',
    });
  });
}
