import { CommandBus } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { loadConfig, type AppConfig } from '../config/app-config';
import { SeedReferenceDataCommand, type SeedReferenceDataResult } from '../modules/reference-data';
import { withWriteSide } from './cli-context';

/** Runs the seed command in a write-side context (no HTTP); also used by the test harness. */
export async function seedReferenceData(config: AppConfig, actor = 'cli:seed-reference'): Promise<SeedReferenceDataResult> {
  return withWriteSide(config, (app) =>
    app.get(CommandBus).execute(new SeedReferenceDataCommand({ correlationId: randomUUID(), causationId: null, actor })),
  );
}

export async function seedReference(): Promise<void> {
  const started = Date.now();
  const { countriesRegistered, categoriesCreated, position } = await seedReferenceData(loadConfig());
  const { chapters, headings, subheadings } = categoriesCreated;
  console.log(
    `registered ${countriesRegistered} countries; created ${chapters} chapters, ${headings} headings and ` +
      `${subheadings} subheadings (last log position ${position ?? 'unchanged'}) in ${Date.now() - started} ms`,
  );
}
