import type { RenderedMessage } from '../domain/digest';
import type { ChannelName } from '../domain/notification';
import type { SendOutcome } from '../domain/send-outcome';

/**
 * Where notifications go. `send` never throws: every failure comes back as an outcome whose reason
 * is safe to store and log (no URL, no credential). `batchKey` is stable across attempts of one
 * batch, for receivers that recognise a repeated send (Idempotency-Key, Message-ID).
 */
export interface NotificationChannel {
  readonly name: ChannelName;
  send(message: RenderedMessage, batchKey: string): Promise<SendOutcome>;
  close(): Promise<void>;
}

/** Removes every occurrence of the secrets (and their base64 forms, as SMTP AUTH sends them) from a text. */
export function scrubbed(text: string, secrets: readonly string[]): string {
  let clean = text;
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    for (const form of [secret, Buffer.from(secret).toString('base64'), encodeURIComponent(secret)]) clean = clean.split(form).join('[redacted]');
  }
  return clean;
}

export function errorCode(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = typeof cause === 'object' && cause !== null && 'code' in cause ? (cause as { code: unknown }).code : undefined;
  if (typeof code === 'string' && code !== '') return code;
  return error instanceof Error ? error.name : 'Error';
}
