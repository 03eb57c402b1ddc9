import { placeInWindow } from './digest-window';

const at = (seconds: number) => new Date(Date.UTC(2026, 11, 8, 9, 0, seconds));

describe('digest windows (unit)', () => {
  it('given no open window, when a notification arrives, then a window opens that closes one window length later', () => {
    expect(placeInWindow(null, at(10), 60_000)).toEqual({ action: 'open', closesAt: new Date(Date.UTC(2026, 11, 8, 9, 1, 10)), closeFirst: null });
  });

  it('given an open window, when a notification arrives before it closes, then it joins that window', () => {
    expect(placeInWindow({ id: '7', closesAt: at(50) }, at(49), 60_000)).toEqual({ action: 'join', windowId: '7' });
  });

  it('given a window whose time is up, when a notification arrives at or after its close, then that window is closed and a new one opens', () => {
    expect(placeInWindow({ id: '7', closesAt: at(50) }, at(50), 60_000)).toEqual({ action: 'open', closesAt: new Date(Date.UTC(2026, 11, 8, 9, 1, 50)), closeFirst: '7' });
  });

  it('given a zero window, then every notification opens (and closes) a window of its own', () => {
    expect(placeInWindow({ id: '7', closesAt: at(50) }, at(10), 0)).toEqual({ action: 'open', closesAt: at(10), closeFirst: '7' });
  });

  it('given 3,000 notifications within one minute of the first, then all of them land in the one window', () => {
    const windowMs = 60_000;
    let open: { id: string; closesAt: Date } | null = null;
    const windows = new Set<string>();
    for (let i = 0; i < 3000; i += 1) {
      const now = new Date(at(0).getTime() + i * 19); // 3,000 arrivals over 57 s
      const placement = placeInWindow(open, now, windowMs);
      if (placement.action === 'open') open = { id: `w${windows.size + 1}`, closesAt: placement.closesAt };
      windows.add(placement.action === 'join' ? placement.windowId : open!.id);
    }
    expect([...windows]).toEqual(['w1']);
  });
});
