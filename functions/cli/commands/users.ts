import { parseArgs } from 'node:util';
import { systemActing } from '../../app/audit.js';
import { createUser, listUsers, resetPassword, setUserDisabled } from '../../app/users.js';
import { parseConfig } from '../../config.js';
import { ROLE_LABELS, type Role, RoleSchema } from '../../core/auth/roles.js';
import { isDomainError } from '../../core/errors.js';
import { startLocalRuntime } from '../../local/runtime.js';
import type { CliIo } from '../io.js';

const USAGE = `Gebruik:
  perspectief users list
  perspectief users add GEBRUIKERSNAAM --name "Naam" --role adviser [--role admin ...]
  perspectief users disable GEBRUIKERSNAAM
  perspectief users enable GEBRUIKERSNAAM
  perspectief users reset-password GEBRUIKERSNAAM

Rollen: ${RoleSchema.options.join(', ')}
Werkt op de lokale gegevensmap (PERSPECTIEF_DATA_DIR, standaard .perspectief), ook terwijl npm start draait.
`;

/** `perspectief users …`: account management from the shell, audited as the `cli` system actor. */
export async function usersCommand(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (!sub || sub === '--help' || sub === 'help') {
    io.stdout(USAGE);
    return sub ? 0 : 2;
  }
  const { values, positionals } = parseArgs({
    args: rest,
    options: { name: { type: 'string' }, role: { type: 'string', multiple: true } },
    allowPositionals: true,
  });
  const config = parseConfig(process.env);
  const runtime = await startLocalRuntime({ dataDir: config.PERSPECTIEF_DATA_DIR, logLevel: 'ERROR' });
  const deps = runtime.deps;
  const acting = systemActing('cli');
  try {
    if (sub === 'list') {
      for (const u of await listUsers(deps)) {
        const roles = u.roles.map((r) => ROLE_LABELS[r]).join(', ');
        io.stdout(
          `${u.username.padEnd(20)} ${u.disabled ? 'uitgeschakeld' : 'actief       '} ${u.displayName} (${roles})\n`,
        );
      }
      return 0;
    }
    const username = positionals[0]?.toLowerCase();
    if (!username) {
      io.stderr(`Geef een gebruikersnaam op.\n\n${USAGE}`);
      return 2;
    }
    if (sub === 'add') {
      const roles: Role[] = [];
      for (const r of values.role ?? []) {
        const parsed = RoleSchema.safeParse(r);
        if (!parsed.success) {
          io.stderr(`Onbekende rol: ${r}. Kies uit: ${RoleSchema.options.join(', ')}\n`);
          return 2;
        }
        roles.push(parsed.data);
      }
      const { user, password } = await createUser(deps, acting, {
        username,
        displayName: values.name ?? username,
        roles,
      });
      io.stdout(`Gebruiker ${user.username} aangemaakt. Wachtwoord (alleen nu zichtbaar): ${password}\n`);
      return 0;
    }
    const user = await deps.users.findByUsername(username);
    if (!user) {
      io.stderr(`Gebruiker ${username} bestaat niet.\n`);
      return 1;
    }
    if (sub === 'disable' || sub === 'enable') {
      await setUserDisabled(deps, acting, user.id, sub === 'disable');
      io.stdout(`Gebruiker ${username} is ${sub === 'disable' ? 'uitgeschakeld' : 'ingeschakeld'}.\n`);
      return 0;
    }
    if (sub === 'reset-password') {
      const { password } = await resetPassword(deps, acting, user.id);
      io.stdout(`Nieuw wachtwoord voor ${username} (alleen nu zichtbaar): ${password}\n`);
      return 0;
    }
    io.stderr(`Onbekende opdracht: users ${sub}\n\n${USAGE}`);
    return 2;
  } catch (error) {
    if (isDomainError(error)) {
      io.stderr(`${error.userMessage}\n`);
      return 1;
    }
    throw error;
  } finally {
    await runtime.close();
  }
}
