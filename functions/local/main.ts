import { parseArgs } from 'node:util';
import { parseConfig } from '../config.js';
import { ROLE_LABELS } from '../core/auth/roles.js';
import { createApp } from '../http/app.js';
import { loadStylesheet } from '../http/stylesheet.js';
import { startJobLoop } from './jobs.js';
import { startLocalRuntime } from './runtime.js';
import { seedDemoOnce } from './seed.js';
import { lateApp, serveLocal } from './server.js';

// The SDK range is pinned in package.json and tested on Node 20; its Node 22 notice is for later releases.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** `npm start`: the whole platform on this machine — embedded DynamoDB, the web app, the job loop. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { memory: { type: 'boolean', default: false }, port: { type: 'string' } },
    allowPositionals: false,
  });
  const config = parseConfig(process.env);
  const port = values.port ? Number(values.port) : config.PORT;
  // Listen first: the address the server gets (any port, or the configured public one) goes into the
  // dependencies, so every link the platform sends points at it.
  const app = lateApp();
  const server = await serveLocal(app.fetch, {
    port,
    hostname: config.HOST,
    publicUrl: config.PERSPECTIEF_PUBLIC_URL,
  }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE') {
      process.stderr.write(
        `Poort ${port} is al in gebruik. Stop het andere programma of start met PORT=<andere poort> npm start.\n` +
          `Port ${port} is already in use. Stop the other program or start with PORT=<other port> npm start.\n`,
      );
      process.exit(1);
    }
    throw error;
  });
  const runtime = await startLocalRuntime({
    ...(values.memory ? {} : { dataDir: config.PERSPECTIEF_DATA_DIR }),
    logLevel: config.LOG_LEVEL === 'INFO' ? 'WARN' : config.LOG_LEVEL,
    shareEndpoint: true,
    publicBaseUrl: server.url,
  });
  const logins = await seedDemoOnce(runtime.deps, config.PERSPECTIEF_MUNICIPALITY);
  app.ready(
    createApp(runtime.deps, {
      stylesheet: loadStylesheet(),
      trustedProxies: config.PERSPECTIEF_TRUSTED_PROXIES,
    }).fetch,
  );
  const jobs = startJobLoop(runtime.deps);

  const url = server.url;
  const lines = [
    '',
    `Perspectief draait op ${url}`,
    runtime.dataDir ? `Gegevens: ${runtime.dataDir}` : 'Gegevens: alleen in het geheugen (--memory)',
  ];
  if (logins && logins.length > 0) {
    lines.push('', 'Demo-accounts (wachtwoorden worden alleen nu getoond):');
    for (const l of logins)
      lines.push(`  ${ROLE_LABELS[l.role].padEnd(28)} ${l.username.padEnd(16)} ${l.password}`);
  } else {
    lines.push(
      'Demo-accounts bestaan al; zet een wachtwoord opnieuw met: npx perspectief users reset-password <naam>',
    );
  }
  lines.push('', 'Stoppen: Ctrl+C', '');
  process.stdout.write(lines.join('\n'));

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    process.stdout.write(`\n${signal} ontvangen: Perspectief stopt…\n`);
    await jobs.stop();
    await server.close();
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

await main();
