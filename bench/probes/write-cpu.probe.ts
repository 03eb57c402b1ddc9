import 'reflect-metadata';
import { CommandBus } from '@nestjs/cqrs';
import { createApp } from '../../src/bootstrap';
import { loadConfig } from '../../src/config/app-config';
import { RecordExportStatisticCommand } from '../../src/modules/statistics/commands/record-export-statistic/record-export-statistic.command';
import { RecordExportStatisticsBatchCommand } from '../../src/modules/statistics/commands/record-export-statistics-batch/record-export-statistics-batch.command';
import { BENCH_DATABASE_URL } from '../support/bench-database';
import { benchStatistic } from '../support/bench-keys';
import { cpuTime, envInt, perSecond, runConcurrently } from '../support/stats';

/**
 * The write bench's two workloads, reporting this process's CPU per statistic beside throughput:
 * on a machine others load, throughput swings with their work, while the service's own CPU per
 * statistic barely does, so it compares two versions of the code more fairly. Run it alternately
 * on two checkouts against a migrated and seeded bench database; PROBE_SALT (1-96) must differ
 * between runs on one database so that every record is new.
 * `PROBE_SALT=7 node -r ts-node/register/transpile-only bench/probes/write-cpu.probe.ts`
 */
const METADATA = { correlationId: 'probe', causationId: null, actor: 'probe' };

async function main(): Promise<void> {
  const commands = envInt('PROBE_COMMANDS', 20_000);
  const statistics = envInt('PROBE_BATCH_STATISTICS', 100_000);
  const salt = envInt('PROBE_SALT', 2);
  const config = loadConfig({ ...process.env, DATABASE_URL: BENCH_DATABASE_URL, LOG_LEVEL: 'warn', RELAY_ENABLED: 'false', CONSUMERS_ENABLED: 'false', HTTP_PORT: '0' });
  const app = await createApp(config);
  await app.init();
  const bus = app.get(CommandBus);
  try {
    await runConcurrently(1_000, 8, (i) => bus.execute(new RecordExportStatisticCommand(benchStatistic(5_000_000 + i, salt), METADATA)).then(() => undefined));
    let before = cpuTime();
    const single = await runConcurrently(commands, 8, (i) => bus.execute(new RecordExportStatisticCommand(benchStatistic(i, salt), METADATA)).then(() => undefined));
    const singleCpu = (cpuTime().processMs - before.processMs) / commands;
    before = cpuTime();
    const started = performance.now();
    for (let done = 0; done < statistics; done += 10_000) {
      const items = Array.from({ length: Math.min(10_000, statistics - done) }, (_, i) => benchStatistic(commands + done + i, salt));
      await bus.execute(new RecordExportStatisticsBatchCommand(items, METADATA));
    }
    const batchMs = performance.now() - started;
    const batchCpu = (cpuTime().processMs - before.processMs) / statistics;
    console.log(
      `single ${perSecond(commands, single.elapsedMs)} (${(singleCpu * 1000).toFixed(1)} µs CPU per command in this process); ` +
        `batch ${perSecond(statistics, batchMs)} (${(batchCpu * 1000).toFixed(1)} µs CPU per statistic)`,
    );
  } finally {
    await app.close();
  }
}

void main();
