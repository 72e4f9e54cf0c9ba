import { describe, expect, it } from 'vitest';
import { createCapturingLogger } from '../../../functions/adapters/logger/powertools-logger.js';
import { createLoggingMetrics, DISPATCH_LAG_SECONDS } from '../../../functions/adapters/metrics/index.js';

interface Emf {
  _aws: {
    Timestamp: number;
    CloudWatchMetrics: {
      Namespace: string;
      Dimensions: string[][];
      Metrics: { Name: string; Unit: string }[];
    }[];
  };
  [key: string]: unknown;
}

describe('createLoggingMetrics', () => {
  it('writes one EMF document per flush with namespace, service dimension, units and values', () => {
    // Prepare
    const logger = createCapturingLogger();
    const metrics = createLoggingMetrics({ namespace: 'Perspectief/test', service: 'perspectief', logger });
    // Act
    metrics.count('SmsSent', 3);
    metrics.count('SmsSkipped');
    metrics.seconds(DISPATCH_LAG_SECONDS, 42);
    metrics.flush();
    // Assess
    expect(logger.lines).toHaveLength(1);
    const emf = (JSON.parse(logger.lines[0]!) as { emf: Emf }).emf;
    const directive = emf._aws.CloudWatchMetrics[0]!;
    expect(directive.Namespace).toBe('Perspectief/test');
    expect(directive.Dimensions).toEqual([['service']]);
    expect(directive.Metrics).toEqual(
      expect.arrayContaining([
        { Name: 'SmsSent', Unit: 'Count' },
        { Name: 'SmsSkipped', Unit: 'Count' },
        { Name: DISPATCH_LAG_SECONDS, Unit: 'Seconds' },
      ]),
    );
    expect(emf.service).toBe('perspectief');
    expect(emf.SmsSent).toBe(3);
    expect(emf.SmsSkipped).toBe(1);
    expect(emf[DISPATCH_LAG_SECONDS]).toBe(42);
  });

  it('starts afresh after a flush and writes nothing when nothing was recorded', () => {
    // Prepare
    const logger = createCapturingLogger();
    const metrics = createLoggingMetrics({ namespace: 'Perspectief/test', service: 'perspectief', logger });
    // Act
    metrics.flush();
    metrics.count('SmsSent');
    metrics.flush();
    metrics.flush();
    // Assess
    expect(logger.lines).toHaveLength(1);
    expect((JSON.parse(logger.lines[0]!) as { emf: Emf }).emf.SmsSent).toBe(1);
  });

  it('keeps repeated values of one metric as a list, as EMF allows', () => {
    const logger = createCapturingLogger();
    const metrics = createLoggingMetrics({ namespace: 'Perspectief/test', service: 'perspectief', logger });
    metrics.count('SmsSent', 2);
    metrics.count('SmsSent', 5);
    metrics.flush();
    expect((JSON.parse(logger.lines[0]!) as { emf: Emf }).emf.SmsSent).toEqual([2, 5]);
  });
});
