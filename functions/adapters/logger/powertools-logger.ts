import { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';
import type { Logger } from '../../core/ports.js';

/** JSON logs through Powertools, in Lambda and locally alike, so what is tested is what runs. */
export function createLogger(options: {
  service: string;
  level: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
}): Logger {
  const logger = new PowertoolsLogger({ serviceName: options.service, logLevel: options.level });
  return {
    debug: (message, data) => logger.debug(message, data ?? {}),
    info: (message, data) => logger.info(message, data ?? {}),
    warn: (message, data) => logger.warn(message, data ?? {}),
    error: (message, data) => logger.error(message, data ?? {}),
  };
}

/** Collects log lines in memory; used by tests that assert no personal data is ever logged. */
export function createCapturingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const push = (level: string) => (message: string, data?: Record<string, unknown>) => {
    lines.push(JSON.stringify({ level, message, ...(data ?? {}) }, errorReplacer));
  };
  return { lines, debug: push('DEBUG'), info: push('INFO'), warn: push('WARN'), error: push('ERROR') };
}

function errorReplacer(_key: string, value: unknown): unknown {
  return value instanceof Error ? { name: value.name, message: value.message, stack: value.stack } : value;
}
