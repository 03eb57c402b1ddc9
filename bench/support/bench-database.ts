import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';

export const BENCH_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/export_stats_bench';

/** A fresh bench database each run: dropped, created, migrated, reference data seeded. */
export async function freshBenchDatabase(): Promise<void> {
  await recreateDatabase(BENCH_DATABASE_URL);
  cli('migrate');
  cli('seed:reference');
}

/** Drops and creates an empty database; refuses any whose name does not say bench. */
export async function recreateDatabase(connectionString: string): Promise<void> {
  const url = new URL(connectionString);
  const name = url.pathname.slice(1);
  if (!name.includes('bench')) throw new Error(`refusing to recreate "${name}": the bench database name must contain "bench"`);
  url.pathname = '/postgres';
  const admin = new Client({ connectionString: url.toString() });
  await admin.connect();
  try {
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
}

export async function databaseVersion(): Promise<string> {
  const client = new Client({ connectionString: BENCH_DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ server_version: string }>('show server_version');
    return `PostgreSQL ${rows[0].server_version}`;
  } finally {
    await client.end();
  }
}

function cli(command: string): void {
  execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', join(__dirname, '../../src/cli/main.ts'), command], {
    env: { ...process.env, DATABASE_URL: BENCH_DATABASE_URL, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
