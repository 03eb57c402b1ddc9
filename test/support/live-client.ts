import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createClient, type Client } from 'graphql-ws';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';

/** Makes an in-process test app listen on a free loopback port; answers its GraphQL WebSocket URL. */
export async function listenForSubscriptions(app: NestFastifyApplication): Promise<string> {
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return `ws://127.0.0.1:${port}/graphql`;
}

export interface LiveSubscription<T> {
  /** Every `next` payload received so far, in order. */
  readonly received: { data?: T; errors?: unknown }[];
  /** Set when the subscription failed (GraphQL errors, or the connection refused or closed). */
  readonly failure: () => unknown;
  /** The first payload (already received or to come) that satisfies `test`. */
  waitFor(test: (data: T) => boolean, timeoutMs?: number): Promise<T>;
  /** Resolves once the subscription ended, with its failure if it failed. */
  ended(timeoutMs?: number): Promise<unknown>;
}

/**
 * A real client (graphql-ws over ws, the graphql-transport-ws protocol) to a listening app. Each
 * call opens its own connection; `close` ends them all.
 */
export class LiveTestClient {
  private readonly clients: Client[] = [];

  constructor(readonly url: string) {}

  connect(connectionParams?: Record<string, unknown>): Client {
    const client = createClient({ url: this.url, webSocketImpl: WebSocket, connectionParams, retryAttempts: 0, lazy: true, lazyCloseTimeout: 0 });
    this.clients.push(client);
    return client;
  }

  subscribe<T>(client: Client, query: string, variables: Record<string, unknown> = {}): LiveSubscription<T> {
    const received: { data?: T; errors?: unknown }[] = [];
    let failure: unknown;
    let done = false;
    const waiters = new Set<() => void>();
    const wake = () => waiters.forEach((waiter) => waiter());
    client.subscribe<T>(
      { query, variables },
      {
        next: (value) => {
          received.push(value as { data?: T; errors?: unknown });
          wake();
        },
        error: (error) => {
          failure = error;
          done = true;
          wake();
        },
        complete: () => {
          done = true;
          wake();
        },
      },
    );
    const until = <R>(check: () => R | undefined, timeoutMs: number, what: string): Promise<R> =>
      new Promise((resolve, reject) => {
        const attempt = () => {
          const result = check();
          if (result === undefined) return;
          waiters.delete(attempt);
          clearTimeout(timer);
          resolve(result);
        };
        const timer = setTimeout(() => {
          waiters.delete(attempt);
          reject(new Error(`timed out waiting for ${what}; received ${JSON.stringify(received)}, failure ${describeFailure(failure)}`));
        }, timeoutMs);
        waiters.add(attempt);
        attempt();
      });
    return {
      received,
      failure: () => failure,
      waitFor: (test, timeoutMs = 15_000) =>
        until(() => received.find((value) => value.data !== undefined && value.data !== null && test(value.data))?.data, timeoutMs, 'a matching message'),
      ended: (timeoutMs = 10_000) => until(() => (done ? { failure } : undefined), timeoutMs, 'the end').then(({ failure: ended }) => ended),
    };
  }

  async close(): Promise<void> {
    await Promise.all(this.clients.splice(0).map((client) => client.dispose()));
  }
}

/** A close event or errors, as a test message can show them. */
export function describeFailure(failure: unknown): string {
  if (failure && typeof failure === 'object' && 'code' in failure) {
    const { code, reason } = failure as { code: number; reason?: string };
    return `close ${code} ${reason ?? ''}`.trim();
  }
  if (failure instanceof Error) return `error ${failure.message}`;
  return JSON.stringify(failure);
}
