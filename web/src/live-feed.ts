import { type Client, createClient } from 'graphql-ws';
import { credentialHeaders, storedCredential } from './credential';
import { INITIAL_LIVE_STATE, type LiveEvent, type LiveState, nextLiveState } from './live-mode';
import type { Variables } from './graphql';

const RETRY_MAX_MS = 30_000;

/**
 * Subscriptions over graphql-ws on /graphql, and the page's live state (live-mode.ts). The client
 * reconnects by itself, with capped back-off; while it is down the page polls.
 */
export class LiveFeed {
  private state: LiveState = INITIAL_LIVE_STATE;
  private readonly client: Client | null;

  constructor(private readonly changed: (state: LiveState, before: LiveState) => void) {
    this.client = typeof WebSocket === 'function' ? this.connect() : null;
    addEventListener('offline', () => this.dispatch({ type: 'browser-offline' }));
    addEventListener('online', () => this.dispatch({ type: 'browser-online' }));
  }

  get current(): LiveState {
    return this.state;
  }

  dispatch(event: LiveEvent): void {
    const before = this.state;
    this.state = nextLiveState(before, event);
    if (this.state !== before) this.changed(this.state, before);
  }

  /** Calls `next` with each message until the returned function is called. Without WebSocket, never. */
  subscribe<T>(query: string, variables: Variables, next: (data: T) => void): () => void {
    if (!this.client) return () => undefined;
    return this.client.subscribe<T>(
      { query, variables },
      {
        next: (message) => {
          if (message.data) next(message.data as T);
        },
        // A refused subscription (a role the credential lacks) is not the connection failing.
        error: () => undefined,
        complete: () => undefined,
      },
    );
  }

  private connect(): Client {
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
    return createClient({
      url,
      lazy: false,
      connectionParams: () => credentialHeaders(storedCredential()),
      retryAttempts: Number.MAX_SAFE_INTEGER,
      shouldRetry: () => true,
      retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, Math.min(RETRY_MAX_MS, 500 * 2 ** retries) * (0.5 + Math.random() / 2))),
      on: {
        connected: () => this.dispatch({ type: 'socket-connected' }),
        closed: () => this.dispatch({ type: 'socket-closed' }),
      },
    });
  }
}
