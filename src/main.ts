import 'reflect-metadata';
import { createApp } from './bootstrap';
import { ConfigError, loadConfig } from './config/app-config';
import { StartupError } from './platform/health/preflight';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  await app.listen({ host: config.HTTP_HOST, port: config.HTTP_PORT });
  const url = `http://${config.HTTP_HOST}:${config.HTTP_PORT}`;
  process.stdout.write(`export-statistics listening on ${url}/graphql${config.GRAPHIQL ? ` (GraphiQL: ${url}/graphiql)` : ''}\n`);
}

main().catch((error: unknown) => {
  // Start-up failures are for a person to act on: one clear paragraph, no stack trace.
  if (error instanceof ConfigError || error instanceof StartupError) {
    process.stderr.write(`Cannot start: ${error.message}\n`);
  } else {
    process.stderr.write(`Cannot start: ${error instanceof Error ? error.stack : String(error)}\n`);
  }
  process.exit(1);
});
