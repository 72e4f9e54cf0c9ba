export {
  createLoggingMetrics,
  createPowertoolsMetrics,
  DISPATCH_LAG_SECONDS,
  type Metrics,
} from './metrics.js';
