import { get as httpGet, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { createCapturingLogger } from '../../functions/adapters/logger/powertools-logger.js';
import { systemActing } from '../../functions/app/audit.js';
import type { AppDeps } from '../../functions/app/deps.js';
import { createUser } from '../../functions/app/users.js';
import { defaultSettings } from '../../functions/core/settings/settings.schema.js';
import { createApp } from '../../functions/http/app.js';
import type { AppEnv } from '../../functions/http/env.js';
import { startLocalRuntime } from '../../functions/local/runtime.js';
import { Client, PASSWORD, settleJobsOf } from '../http/harness.js';

/** The real app behind a real HTTP server on an ephemeral loopback port, as `npm start` runs it. */
export interface HostileServer {
  base: string;
  port: number;
  deps: AppDeps;
  logs: string[];
  /** A browser-like client speaking real HTTP to the server. */
  client(): Client;
  close(): Promise<void>;
}

export async function startHostileServer(): Promise<HostileServer> {
  const logger = createCapturingLogger();
  const runtime = await startLocalRuntime({ logger });
  // Uploads are read by background jobs: the client waits for them after each request, as the HTTP tests do.
  settleJobsOf(runtime.jobs);
  await runtime.deps.settings.put(defaultSettings('Teststad'));
  await createUser(runtime.deps, systemActing('test'), {
    username: 'adviser',
    displayName: 'Test adviser',
    roles: ['adviser'],
    password: PASSWORD,
  });
  const app = createApp(runtime.deps, { stylesheet: 'body{}' });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  // Client and server share this process: while the test builds a 40 MB file, the client's pooled
  // connection outlives Node's 5 s keep-alive and is reset on reuse. That race is the test's, not the server's.
  (server as Server).keepAliveTimeout = 120_000;
  const port = (server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}`;
  // The harness's client only calls `app.request`; here that is a real request over the socket.
  const overHttp = {
    request: (url: string, init: RequestInit) =>
      fetch(url.replace('http://localhost', base), { ...init, redirect: 'manual' }),
  } as unknown as Hono<AppEnv>;
  return {
    base,
    port,
    deps: runtime.deps,
    logs: logger.lines,
    client: () => new Client(overHttp),
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
      await runtime.close();
    },
  };
}

/** What the health probe and the memory sampler saw while an operation ran. */
export interface Watch<T> {
  result: T;
  /** Status of every probe, in order. */
  probes: number[];
  /** Probes answered before the operation finished. */
  answeredDuring: number;
  /** Highest resident set size seen minus the one before the operation, in MB. */
  rssGrowthMb: number;
}

/**
 * Runs an operation while probing `/gezondheid` back to back and sampling the process's memory. No timing
 * is asserted on what it returns: only that probes were answered, and how many before the operation ended.
 */
export async function watch<T>(base: string, operation: () => Promise<T>): Promise<Watch<T>> {
  const before = process.memoryUsage().rss;
  let peak = before;
  let done = false;
  let answeredDuring = 0;
  const probes: number[] = [];
  const probing = (async () => {
    while (!done) {
      probes.push(await probe(base));
      if (!done) answeredDuring++;
      peak = Math.max(peak, process.memoryUsage().rss);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();
  let result: T;
  try {
    result = await operation();
  } finally {
    done = true;
    await probing;
  }
  // One probe after the operation, so even an instant refusal shows the server still answers.
  probes.push(await probe(base));
  peak = Math.max(peak, process.memoryUsage().rss);
  return { result, probes, answeredDuring, rssGrowthMb: (peak - before) / (1024 * 1024) };
}

/** One health probe on a connection of its own (no pooled connection to go stale); its status code. */
export function probe(base: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpGet(`${base}/gezondheid`, { agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
  });
}

/**
 * Streams `totalBytes` of body to `path` in 64 kB chunks from one reused buffer (nothing of that size is
 * allocated), without a Content-Length, and stops writing as soon as the server answers.
 */
export function streamBody(
  port: number,
  path: string,
  totalBytes: number,
  headers: Record<string, string>,
): Promise<{ status: number; body: string; sentBytes: number }> {
  return new Promise((resolve, reject) => {
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let sent = 0;
    let answered = false;
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        headers: { ...headers, 'transfer-encoding': 'chunked' },
      },
      (res) => {
        answered = true;
        const parts: Buffer[] = [];
        res.on('data', (part: Buffer) => parts.push(part));
        res.on('end', () => {
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(parts).toString('utf8'),
            sentBytes: sent,
          });
          req.destroy();
        });
      },
    );
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    const pump = (): void => {
      while (!answered && sent < totalBytes) {
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      if (!answered) req.end();
    };
    pump();
  });
}
