import type { AppConfig } from '../../config/app-config';

/** What the SDK needs of the configuration (TRACING_* settings). */
export interface TracingSettings {
  readonly serviceName: string;
  readonly exporter: 'zipkin' | 'otlp';
  readonly zipkinUrl: string;
  readonly otlpUrl: string;
  readonly samplingRatio: number;
}

export function tracingSettings(config: AppConfig): TracingSettings {
  return {
    serviceName: config.TRACING_SERVICE_NAME,
    exporter: config.TRACING_EXPORTER,
    zipkinUrl: config.TRACING_ZIPKIN_URL,
    otlpUrl: config.TRACING_OTLP_URL,
    samplingRatio: config.TRACING_SAMPLING_RATIO,
  };
}
