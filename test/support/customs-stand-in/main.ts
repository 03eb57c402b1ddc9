// `make customs-stand-in`: the customs API stand-in on its own, for trying an import by hand.
import { startCustomsStandIn } from './customs-stand-in';
import { BENCHMARK_DENSITY } from './stand-in-data';

async function main(): Promise<void> {
  const port = Number(process.env.CUSTOMS_STAND_IN_PORT ?? 3100);
  // CUSTOMS_STAND_IN_SCALE=benchmark serves ~200,000 rows a month instead of the light default.
  const density = process.env.CUSTOMS_STAND_IN_SCALE === 'benchmark' ? BENCHMARK_DENSITY : {};
  const standIn = await startCustomsStandIn({ port, host: process.env.CUSTOMS_STAND_IN_HOST ?? '127.0.0.1', ...density });
  console.log(`customs stand-in on ${standIn.url}/1220000/nitemtrade/getNitemtradeList (any serviceKey; control API under /control/)`);
  const stop = (): void => void standIn.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
