import type { AppConfig } from '../../config/app-config';
import { tracingSettings } from './tracing-settings';

export interface TracingHandle {
  /** Exports what is still buffered and unregisters the provider. */
  shutdown(): Promise<void>;
}

let running: TracingHandle | null = null;

/**
 * Starts the OpenTelemetry SDK when TRACING_ENABLED, before the application's modules are built,
 * so that every span of ours has a provider behind it. The SDK is imported here and only here, and
 * only then: with tracing off no module of it is loaded. One SDK per process: a second call (an
 * app built twice in one test run) reuses it.
 */
export async function startTracing(config: AppConfig): Promise<TracingHandle | null> {
  if (!config.TRACING_ENABLED) return null;
  if (running) return running;
  const { startSdk } = await import('./tracing-sdk');
  const sdk = startSdk(tracingSettings(config));
  const handle: TracingHandle = {
    async shutdown() {
      if (running !== handle) return;
      running = null;
      await sdk.shutdown();
    },
  };
  running = handle;
  return handle;
}

/** Exports what the SDK still holds and unregisters it; nothing when it was never started. */
export async function stopTracing(): Promise<void> {
  await running?.shutdown();
}
