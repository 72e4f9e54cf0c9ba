import { type CliCommand, type CliIo, processIo } from './io.js';

/** Each noun loads its module only when used, so `perspectief contacts check` does not start a database. */
const COMMANDS: Record<string, { summary: string; load: () => Promise<CliCommand> }> = {
  addresses: {
    summary: 'straten en adressen rond een locatie uit een BAG-bestand (around)',
    load: async () => (await import('./commands/addresses.js')).addressesCommand,
  },
  contacts: {
    summary: 'contactbestanden controleren: nummers vinden, normaliseren, ontdubbelen (check)',
    load: async () => (await import('./commands/contacts.js')).contactsCommand,
  },
  bag: {
    summary: 'BAG-adressen importeren voor de wijkberichten (import, demo)',
    load: async () => (await import('./commands/bag.js')).bagCommand,
  },
  secrets: {
    summary: 'geheimen: status van het geheimenbestand, HMAC-sleutel roteren (status, rotate-hmac)',
    load: async () => (await import('./commands/secrets.js')).secretsCommand,
  },
  users: {
    summary: 'gebruikers beheren (list, add, disable, enable, reset-password)',
    load: async () => (await import('./commands/users.js')).usersCommand,
  },
};

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [noun, ...rest] = argv;
  const command = noun ? COMMANDS[noun] : undefined;
  if (!command) {
    const lines = Object.entries(COMMANDS).map(
      ([name, c]) => `  perspectief ${name.padEnd(10)} ${c.summary}`,
    );
    io[noun && noun !== '--help' ? 'stderr' : 'stdout'](
      `${noun && noun !== '--help' ? `Onbekende opdracht: ${noun}\n\n` : ''}Gebruik:\n${lines.join('\n')}\n`,
    );
    return noun && noun !== '--help' ? 2 : 0;
  }
  return (await command.load())(rest, io);
}
