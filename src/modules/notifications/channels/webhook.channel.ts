import type { Secret } from '../../../config/secret';
import type { RenderedMessage } from '../domain/digest';
import { classifyHttp, type SendOutcome } from '../domain/send-outcome';
import { errorCode, type NotificationChannel } from './notification-channel';

/**
 * A Slack-compatible incoming webhook: one POST of `{"text": ...}` per batch (Slack's mrkdwn:
 * the subject in bold, then the lines). The URL is the credential, so it appears nowhere but in
 * the request itself: reasons name the status or the network error's code only.
 */
export class WebhookChannel implements NotificationChannel {
  readonly name = 'webhook' as const;

  constructor(
    private readonly url: Secret,
    private readonly timeoutMs: number,
    private readonly now: () => Date,
  ) {}

  async send(message: RenderedMessage, batchKey: string): Promise<SendOutcome> {
    let response: Response;
    try {
      response = await fetch(this.url.reveal(), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': batchKey },
        body: JSON.stringify({ text: slackText(message) }),
        // A webhook answers where it is; following a redirect would post the alert somewhere else.
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const code = errorCode(error);
      const reason = code === 'TimeoutError' ? `no answer within ${this.timeoutMs} ms` : `webhook unreachable (${code})`;
      return { kind: 'transient', reason, retryAfterMs: null };
    }
    // Read and drop the body, so the connection goes back to the pool.
    await response.arrayBuffer().catch(() => undefined);
    return classifyHttp(response.status, response.headers.get('retry-after'), this.now());
  }

  async close(): Promise<void> {}
}

export function slackText(message: RenderedMessage): string {
  return [`*${escapeMrkdwn(message.subject)}*`, ...message.lines.map(escapeMrkdwn)].join('\n');
}

/** Slack reads &, < and > as markup; escaped, a subject cannot turn into a mention or a link. */
function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
