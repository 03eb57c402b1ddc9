/**
 * Digest windows: per channel, the notifications that arrive while a window is open go out
 * together when it closes, as one message (one notification) or one digest (several). A window
 * opens with the first notification that finds none open and lasts `windowMs`; a burst of
 * any size within it is one send per channel. A zero window sends each notification alone.
 */
export interface OpenWindow {
  readonly id: string;
  readonly closesAt: Date;
}

export type WindowPlacement =
  | { readonly action: 'join'; readonly windowId: string }
  | { readonly action: 'open'; readonly closesAt: Date; readonly closeFirst: string | null };

export function placeInWindow(open: OpenWindow | null, now: Date, windowMs: number): WindowPlacement {
  if (open && open.closesAt.getTime() > now.getTime() && windowMs > 0) return { action: 'join', windowId: open.id };
  return { action: 'open', closesAt: new Date(now.getTime() + windowMs), closeFirst: open ? open.id : null };
}
