import { randomInt, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Pool } from 'pg';
import { FAULT_CHAPTERS, FAULT_COUNTRIES } from './fault-world';
import { TEST_OPERATOR_KEY } from './test-config';

/** A write the service acknowledged: the request's correlation id and where the receipt says it left the stream. */
export interface AckedWrite {
  readonly correlationId: string;
  readonly streamId: string;
  readonly version: number;
}

export interface WriteLoadOptions {
  /** Concurrent writers; each owns its keys, so writers never conflict with each other. */
  readonly writers?: number;
  /** Statistics per writer. */
  readonly keysPerWriter?: number;
  /** How long a request may take before its outcome counts as unknown. */
  readonly requestTimeoutMs?: number;
}

const RECORD = `mutation($input: RecordExportStatisticInput!) { recordExportStatistic(input: $input) { id version position } }`;
const REVISE = `mutation($input: ReviseExportStatisticInput!) { reviseExportStatistic(input: $input) { id version position } }`;

interface KeyState {
  readonly countryCode: string;
  readonly hsCode: string;
  readonly period: string;
  /** The stream's version as last acknowledged; null when an outcome is unknown (read it again from PostgreSQL). */
  version: number | null;
}

/**
 * Mixed single-statistic writes (records of new keys, revisions of recorded ones) through GraphQL
 * against whichever instances are listed, as fast as they answer, while a test breaks things. Each
 * request carries its own correlation id, which the service stores in the event's metadata: the
 * audit finds every acknowledged write in the log by it. A request that fails or times out has an
 * unknown outcome; the writer reads the key's version from PostgreSQL before its next write to it,
 * as a careful client would after an error. Values stay below the export threshold, so every write
 * is exactly one event.
 */
export class WriteLoad {
  readonly acked: AckedWrite[] = [];
  /** Every correlation id sent, acknowledged or not. */
  readonly sent: string[] = [];
  readonly failures = new Map<string, number>();
  private running = false;
  private writers: Promise<void>[] = [];
  private next = 0;
  private readonly options: Required<WriteLoadOptions>;

  constructor(
    private readonly targets: () => readonly string[],
    private readonly db: Pool,
    options: WriteLoadOptions = {},
  ) {
    this.options = { writers: 4, keysPerWriter: 40, requestTimeoutMs: 15_000, ...options };
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    const national = randomInt(10_000_000, 90_000_000);
    this.writers = Array.from({ length: this.options.writers }, (_, writer) =>
      this.write(
        Array.from({ length: this.options.keysPerWriter }, (_, k) => {
          const n = writer * this.options.keysPerWriter + k;
          return {
            countryCode: FAULT_COUNTRIES[n % FAULT_COUNTRIES.length],
            hsCode: `${FAULT_CHAPTERS[n % FAULT_CHAPTERS.length]}${national + n}`,
            period: `2025-${String(1 + (n % 12)).padStart(2, '0')}`,
            version: null,
          };
        }),
      ),
    );
  }

  /** Stops the writers after their current request. */
  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.writers);
  }

  /** Resolves once this many more writes have been acknowledged (or fails after the time). */
  async untilAcked(more: number, timeoutMs = 120_000): Promise<void> {
    const target = this.acked.length + more;
    const deadline = Date.now() + timeoutMs;
    while (this.acked.length < target) {
      if (Date.now() > deadline) throw new Error(`only ${this.acked.length} of ${target} writes acknowledged within ${timeoutMs} ms; failures ${this.describeFailures()}`);
      await sleep(50);
    }
  }

  describeFailures(): string {
    return JSON.stringify(Object.fromEntries(this.failures));
  }

  private async write(keys: KeyState[]): Promise<void> {
    for (let i = 0; this.running; i++) {
      const key = keys[i % keys.length];
      const targets = this.targets();
      if (targets.length === 0) {
        await sleep(100);
        continue;
      }
      try {
        if (key.version === null) key.version = await this.currentVersion(key);
        const url = targets[this.next++ % targets.length];
        const ack = await this.send(url, key);
        key.version = ack.version;
        this.acked.push(ack);
      } catch (error) {
        key.version = null;
        // fetch's errors come from another realm than the test's: no instanceof Error.
        const kind = error instanceof WriteRefused ? error.code : String((error as { name?: unknown } | null)?.name ?? 'unknown');
        this.failures.set(kind, (this.failures.get(kind) ?? 0) + 1);
        await sleep(50 + randomInt(150));
      }
    }
  }

  private async currentVersion(key: KeyState): Promise<number> {
    const { rows } = await this.db.query<{ version: number }>('select version from export_statistic where key = $1', [
      `${key.countryCode}-${key.hsCode}-${key.period}`,
    ]);
    return rows[0]?.version ?? 0;
  }

  private async send(url: string, key: KeyState): Promise<AckedWrite> {
    const correlationId = randomUUID();
    const figures = { valueUsd: `${randomInt(1_000, 900_000)}.${String(randomInt(100)).padStart(2, '0')}`, weightKg: `${randomInt(1, 50_000)}.${randomInt(1000)}` };
    const where = { countryCode: key.countryCode, hsCode: key.hsCode, period: key.period };
    const [query, input] = key.version === 0 ? [RECORD, { ...where, ...figures }] : [REVISE, { ...where, ...figures, expectedVersion: key.version }];
    this.sent.push(correlationId);
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': TEST_OPERATOR_KEY, 'x-correlation-id': correlationId },
      body: JSON.stringify({ query, variables: { input } }),
      signal: AbortSignal.timeout(this.options.requestTimeoutMs),
    });
    const body = (await response.json()) as { data?: Record<string, { id: string; version: number }> | null; errors?: { extensions?: { code?: string } }[] };
    const receipt = body.data ? Object.values(body.data)[0] : undefined;
    if (!receipt) throw new WriteRefused(body.errors?.[0]?.extensions?.code ?? `HTTP_${response.status}`);
    return { correlationId, streamId: `statistic:${receipt.id}`, version: receipt.version };
  }
}

class WriteRefused extends Error {
  constructor(readonly code: string) {
    super(`write refused: ${code}`);
    this.name = 'WriteRefused';
  }
}
