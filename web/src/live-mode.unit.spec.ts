import { INITIAL_LIVE_STATE, type LiveEvent, type LiveMode, nextLiveState, resumesLive, shouldPoll } from './live-mode';

const after = (...events: LiveEvent['type'][]) => events.reduce((state, type) => nextLiveState(state, { type } as LiveEvent), INITIAL_LIVE_STATE);
const modeAfter = (...events: LiveEvent['type'][]): LiveMode => after(...events).mode;

describe('live, polling or offline', () => {
  it('polls until the WebSocket connects, then stops', () => {
    expect(modeAfter()).toBe('polling');
    expect(shouldPoll(INITIAL_LIVE_STATE)).toBe(true);
    expect(modeAfter('socket-connected')).toBe('live');
    expect(shouldPoll(after('socket-connected'))).toBe(false);
  });

  it('falls back to polling when the WebSocket closes', () => {
    expect(modeAfter('socket-connected', 'socket-closed')).toBe('polling');
  });

  it('says offline after failed polls in a row, and polling again once one answers', () => {
    expect(modeAfter('poll-failed')).toBe('polling');
    expect(modeAfter('poll-failed', 'poll-failed')).toBe('offline');
    expect(modeAfter('poll-failed', 'poll-failed', 'poll-succeeded')).toBe('polling');
    expect(modeAfter('poll-failed', 'poll-succeeded', 'poll-failed')).toBe('polling');
  });

  it('is offline while the browser is, whatever the socket said last', () => {
    expect(modeAfter('socket-connected', 'browser-offline')).toBe('offline');
    expect(modeAfter('socket-connected', 'browser-offline', 'browser-online')).toBe('polling');
    expect(modeAfter('browser-offline', 'socket-connected')).toBe('live');
  });

  it('stays live while polls fail: the socket carries the changes', () => {
    expect(modeAfter('socket-connected', 'poll-failed', 'poll-failed')).toBe('live');
  });

  it('marks a return to live, when what was missed must be read once', () => {
    const polling = after('socket-connected', 'socket-closed');
    const live = nextLiveState(polling, { type: 'socket-connected' });
    expect(resumesLive(polling, live)).toBe(true);
    expect(resumesLive(live, nextLiveState(live, { type: 'poll-succeeded' }))).toBe(false);
  });
});
