import type { Context } from 'hono';
import type { AppEnv } from './env.js';

/** What the runtimes put on `c.env`: the socket locally (@hono/node-server), the event in Lambda. */
interface RuntimeBindings {
  incoming?: { socket?: { remoteAddress?: string } };
  event?: { requestContext?: { http?: { sourceIp?: unknown }; identity?: { sourceIp?: unknown } } };
}

/**
 * The address of the client as the last hop we trust saw it, for rate limits only (kept in memory, never
 * stored or logged). In Lambda: API Gateway's `sourceIp`, which it takes from the connection itself. Locally:
 * the socket's remote address; only when that is a configured trusted proxy (a load balancer in front of
 * the server) does `X-Forwarded-For` count, read from the right: the first address not itself a trusted
 * proxy. A client cannot choose its bucket by sending the header.
 */
export function clientAddress(c: Context<AppEnv>, trustedProxies: readonly string[] = []): string {
  const env = (c.env ?? {}) as RuntimeBindings;
  const sourceIp = env.event?.requestContext?.http?.sourceIp ?? env.event?.requestContext?.identity?.sourceIp;
  if (typeof sourceIp === 'string' && sourceIp !== '') return sourceIp;
  const socket = normalise(env.incoming?.socket?.remoteAddress);
  if (socket === undefined) return 'unknown';
  if (!trustedProxies.includes(socket)) return socket;
  const forwarded = (c.req.header('x-forwarded-for') ?? '')
    .split(',')
    .map((part) => normalise(part.trim()))
    .filter((part): part is string => part !== undefined && part !== '');
  for (let i = forwarded.length - 1; i >= 0; i--) {
    if (!trustedProxies.includes(forwarded[i]!)) return forwarded[i]!;
  }
  return socket;
}

/** IPv4 addresses arrive as `::ffff:a.b.c.d` on a dual-stack socket; one spelling per address. */
function normalise(address: string | undefined): string | undefined {
  if (address === undefined) return undefined;
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}
