import { MetricUnit, Metrics as PowertoolsMetrics } from '@aws-lambda-powertools/metrics';
import type { Logger } from '../../core/ports.js';

/**
 * The custom metric the dispatcher publishes after every run: seconds the oldest due, unsent recipient has
 * waited (0 when nothing waits). The CDK alarms on it, so the name lives here once.
 */
export const DISPATCH_LAG_SECONDS = 'DispatchLagSeconds';

/** Counters and durations for CloudWatch. Names and numbers only: never a phone number or a name. */
export interface Metrics {
  count(name: string, value?: number): void;
  seconds(name: string, value: number): void;
  /** Writes what was recorded since the last flush as one EMF document; call at the end of each run. */
  flush(): void;
}

function wrap(metrics: PowertoolsMetrics, flush: () => void): Metrics {
  return {
    count: (name, value = 1) => {
      metrics.addMetric(name, MetricUnit.Count, value);
    },
    seconds: (name, value) => {
      metrics.addMetric(name, MetricUnit.Seconds, value);
    },
    flush: () => {
      if (metrics.hasStoredMetrics()) flush();
    },
  };
}

/**
 * Powertools Metrics in Lambda: EMF lines on stdout, which CloudWatch turns into metrics without an API
 * call or an IAM right. Namespace and service come from the function's environment (set by the CDK).
 */
export function createPowertoolsMetrics(options: { namespace: string; service: string }): Metrics {
  const metrics = new PowertoolsMetrics({ namespace: options.namespace, serviceName: options.service });
  return wrap(metrics, () => metrics.publishStoredMetrics());
}

/**
 * The same EMF documents, written through the platform logger instead of stdout: the embedded runtime and
 * the tests see exactly what CloudWatch would receive.
 */
export function createLoggingMetrics(options: {
  namespace: string;
  service: string;
  logger: Logger;
}): Metrics {
  const metrics = new PowertoolsMetrics({ namespace: options.namespace, serviceName: options.service });
  return wrap(metrics, () => {
    const emf = metrics.serializeMetrics();
    metrics.clearMetrics();
    options.logger.info('metrics', { emf });
  });
}
