import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { rotateHmacSecret } from '../../adapters/secrets-manager/secrets.js';
import { loadOrCreateLocalSecrets, rotateLocalHmacKey } from '../../adapters/system/local-secrets.js';
import { parseConfig } from '../../config.js';
import type { CliIo } from '../io.js';

const USAGE = `Gebruik:
  perspectief secrets status
  perspectief secrets rotate-hmac [--secret-id ARN --region eu-central-1]

rotate-hmac maakt een nieuwe HMAC-sleutel voor de lijsten met gehashte nummers (afmeldingen, niet
benaderen, frequentiegrens). De oude sleutel blijft bewaard om bestaande vermeldingen te blijven
herkennen. Zonder --secret-id werkt de opdracht op de lokale gegevensmap (PERSPECTIEF_DATA_DIR,
standaard .perspectief); start npm start daarna opnieuw. Met --secret-id roteert hij het geheim in
AWS Secrets Manager; Lambda-functies gebruiken de nieuwe sleutel na hun volgende koude start.
`;

/** `perspectief secrets …`: the state of the local secrets file and the rotation of the HMAC key. */
export async function secretsCommand(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (!sub || sub === '--help' || sub === 'help') {
    io.stdout(USAGE);
    return sub ? 0 : 2;
  }
  const { values } = parseArgs({
    args: rest,
    options: { 'secret-id': { type: 'string' }, region: { type: 'string' } },
  });
  const dir = resolve(parseConfig(process.env).PERSPECTIEF_DATA_DIR);
  if (sub === 'status') {
    const secrets = loadOrCreateLocalSecrets(dir);
    const mode = (statSync(join(dir, 'secrets.json')).mode & 0o777).toString(8);
    io.stdout(
      `Geheimenbestand: ${join(dir, 'secrets.json')} (rechten ${mode})\nVorige HMAC-sleutels: ${secrets.previousHmacKeys?.length ?? 0}\n`,
    );
    return mode === '600' ? 0 : 1;
  }
  if (sub !== 'rotate-hmac') {
    io.stderr(`Onbekende opdracht: secrets ${sub}\n\n${USAGE}`);
    return 2;
  }
  const secretId = values['secret-id'];
  if (secretId) {
    const client = new SecretsManagerClient(values.region ? { region: values.region } : {});
    try {
      const { previous } = await rotateHmacSecret(client, secretId, randomBytes(48).toString('base64url'));
      io.stdout(`HMAC-sleutel in Secrets Manager geroteerd; ${previous} vorige sleutel(s) bewaard.\n`);
    } finally {
      client.destroy();
    }
    return 0;
  }
  loadOrCreateLocalSecrets(dir);
  const { previous } = rotateLocalHmacKey(dir, new Date());
  io.stdout(
    `HMAC-sleutel geroteerd; ${previous} vorige sleutel(s) bewaard in ${join(dir, 'secrets.json')}. Start npm start opnieuw.\n`,
  );
  return 0;
}
