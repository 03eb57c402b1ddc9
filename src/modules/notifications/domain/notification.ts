/**
 * One thing operators should hear of, in the shape every source is mapped to. `messageId` is the
 * id of the message that brought it (the event id): with the channel, the key of its delivery
 * record. `dedupeKey` names the fact itself, so a source that reports it again under a new message
 * id still notifies once per channel.
 */
export interface Notification {
  readonly messageId: string;
  readonly kind: string;
  readonly subject: string;
  readonly facts: Readonly<Record<string, string>>;
  readonly occurredAt: Date;
  readonly dedupeKey: string;
}

export const CHANNELS = ['webhook', 'email'] as const;

export type ChannelName = (typeof CHANNELS)[number];
