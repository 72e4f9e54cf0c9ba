import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';

type Fetch = (request: Request) => Response | Promise<Response>;

export interface LocalServer {
  /** The address the platform is reached at, without a trailing slash. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Listens for the embedded runtime and tells the address it actually listens on, so the runtime can be
 * built with it and every link the platform sends (SMS `/r/` and `/stop`) works on `PORT=3101 npm start`
 * or port 0 in tests. An explicit public address (PERSPECTIEF_PUBLIC_URL, e.g. behind a proxy) wins.
 */
export async function serveLocal(
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

/**
 * A fetch for a server that listens before its app exists: it answers 503 in Dutch until `ready` hands it
 * the app, so the address is known before the dependencies that put it into links are built.
 */
export function lateApp(): { fetch: Fetch; ready(app: Fetch): void } {
  let app: Fetch | undefined;
  return {
    fetch: (request) =>
      app ? app(request) : new Response('Perspectief start nog; probeer het zo opnieuw.', { status: 503 }),
    ready: (next) => {
      app = next;
    },
  };
}
