/**
 * How the page keeps up: `live` while the WebSocket is connected (subscriptions push changes),
 * `polling` while it is not but HTTP answers (the page re-queries every POLL_INTERVAL_MS), and
 * `offline` when neither does (the browser is offline, or polls keep failing; polling goes on, to
 * notice the way back). Pure: the connection and the timers act on what this decides.
 */
export type LiveMode = 'live' | 'polling' | 'offline';

export interface LiveState {
  readonly mode: LiveMode;
  readonly socketConnected: boolean;
  readonly browserOnline: boolean;
  /** Failed polls in a row. */
  readonly pollFailures: number;
}

export type LiveEvent =
  | { readonly type: 'socket-connected' }
  | { readonly type: 'socket-closed' }
  | { readonly type: 'poll-succeeded' }
  | { readonly type: 'poll-failed' }
  | { readonly type: 'browser-offline' }
  | { readonly type: 'browser-online' };

export const POLL_INTERVAL_MS = 5000;
/** Failed polls in a row before the page says it is offline. */
export const POLL_FAILURES_OFFLINE = 2;

export const INITIAL_LIVE_STATE: LiveState = { mode: 'polling', socketConnected: false, browserOnline: true, pollFailures: 0 };

export function nextLiveState(state: LiveState, event: LiveEvent): LiveState {
  const next = applyEvent(state, event);
  return { ...next, mode: modeOf(next) };
}

/** Whether the page re-queries on a timer: whenever no subscription can tell it of a change. */
export function shouldPoll(state: LiveState): boolean {
  return state.mode !== 'live';
}

/** Whether this event is a reconnection after a gap: what changed meanwhile was not pushed, so re-query once. */
export function resumesLive(before: LiveState, after: LiveState): boolean {
  return before.mode !== 'live' && after.mode === 'live';
}

function applyEvent(state: LiveState, event: LiveEvent): LiveState {
  switch (event.type) {
    case 'socket-connected':
      return { ...state, socketConnected: true, browserOnline: true, pollFailures: 0 };
    case 'socket-closed':
      return { ...state, socketConnected: false };
    case 'poll-succeeded':
      return { ...state, browserOnline: true, pollFailures: 0 };
    case 'poll-failed':
      return { ...state, pollFailures: state.pollFailures + 1 };
    case 'browser-offline':
      return { ...state, browserOnline: false, socketConnected: false };
    case 'browser-online':
      return { ...state, browserOnline: true };
    default:
      return assertNever(event);
  }
}

function modeOf(state: LiveState): LiveMode {
  if (!state.browserOnline) return 'offline';
  if (state.socketConnected) return 'live';
  return state.pollFailures >= POLL_FAILURES_OFFLINE ? 'offline' : 'polling';
}

function assertNever(value: never): never {
  throw new Error(`unexpected live event ${JSON.stringify(value)}`);
}
