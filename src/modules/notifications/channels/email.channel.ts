import { createTransport, type Transporter } from 'nodemailer';
import type { Secret } from '../../../config/secret';
import type { RenderedMessage } from '../domain/digest';
import { classifySmtp, SENT, type SendOutcome } from '../domain/send-outcome';
import { errorCode, scrubbed, type NotificationChannel } from './notification-channel';

export interface EmailSettings {
  readonly host: string;
  readonly port: number;
  readonly secure: boolean;
  readonly requireTls: boolean;
  readonly user: string | null;
  readonly password: Secret | null;
  readonly from: string;
  readonly to: readonly string[];
  readonly timeoutMs: number;
  /** Names the deployment in subjects and Message-IDs (the broker prefix). */
  readonly scope: string;
}

const MAX_REASON = 300;

/**
 * E-mail over SMTP (nodemailer), one message per batch to every recipient. The Message-ID is the
 * batch's, so a batch sent again after a crash mid-send carries the same id, which mail stores
 * and clients use to drop the copy.
 */
export class EmailChannel implements NotificationChannel {
  readonly name = 'email' as const;
  private readonly transport: Transporter;

  constructor(private readonly settings: EmailSettings) {
    const { host, port, secure, requireTls, user, password, timeoutMs } = settings;
    this.transport = createTransport({
      host,
      port,
      secure,
      requireTLS: requireTls,
      auth: user !== null && password !== null ? { user, pass: password.reveal() } : undefined,
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
      // nodemailer logs nothing by itself; keep it so (its debug log would show the AUTH exchange).
      logger: false,
      debug: false,
    });
  }

  async send(message: RenderedMessage, batchKey: string): Promise<SendOutcome> {
    try {
      await this.transport.sendMail({
        from: this.settings.from,
        to: [...this.settings.to],
        subject: `[${this.settings.scope}] ${message.subject}`,
        text: `${message.lines.join('\n')}\n`,
        messageId: `<${batchKey}@notifications.${this.settings.scope}>`,
      });
      return SENT;
    } catch (error) {
      const responseCode = smtpResponseCode(error);
      return classifySmtp(responseCode, this.reason(error, responseCode));
    }
  }

  async close(): Promise<void> {
    this.transport.close();
  }

  /** The reply's code and text (which may quote an address, never the password), or the error's code. */
  private reason(error: unknown, responseCode: number | null): string {
    const response = typeof error === 'object' && error !== null && 'response' in error ? String((error as { response: unknown }).response) : '';
    const text = responseCode !== null ? `SMTP ${responseCode}: ${response}` : `SMTP server unreachable or broke off (${errorCode(error)})`;
    const secrets = [this.settings.password?.reveal() ?? ''];
    return scrubbed(text, secrets).slice(0, MAX_REASON);
  }
}

function smtpResponseCode(error: unknown): number | null {
  const code = typeof error === 'object' && error !== null && 'responseCode' in error ? Number((error as { responseCode: unknown }).responseCode) : NaN;
  return Number.isInteger(code) && code >= 200 && code < 600 ? code : null;
}
