import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { AppDeps } from '../app/deps.js';

type Fetch = (request: Request) => Response | Promise<Response>;

export interface LocalServer {
  /** The address the platform is reached at, without a trailing slash. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Serves the app on the embedded runtime and points every link the platform sends (SMS `/r/` and `/stop`)
 * at the address it actually listens on, so `PORT=3101 npm start` (or port 0 in tests) sends working
 * links. An explicit public address (PERSPECTIEF_PUBLIC_URL, e.g. behind a proxy) wins.
 */
export async function serveLocal(
  deps: AppDeps,
  fetch: Fetch,
  options: { port: number; hostname: string; publicUrl?: string | undefined },
): Promise<LocalServer> {
  const server = serve({ fetch, port: options.port, hostname: options.hostname });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const url = (options.publicUrl ?? `http://${displayHost(options.hostname)}:${port}`).replace(/\/+$/, '');
  deps.sending.publicBaseUrl = url;
  return {
    url,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
  };
}

/** Loopback and wildcard addresses are reached as `localhost`; any other interface by its own name. */
function displayHost(hostname: string): string {
  if (['127.0.0.1', '::1', '0.0.0.0', '::', 'localhost'].includes(hostname)) return 'localhost';
  return hostname.includes(':') ? `[${hostname}]` : hostname;
}
