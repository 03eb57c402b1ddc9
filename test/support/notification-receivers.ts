import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerAuthentication, type SMTPServerSession } from 'smtp-server';

export interface ReceivedPost {
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: { text?: string };
  readonly at: number;
}

export interface WebhookAnswer {
  readonly status: number;
  readonly headers?: Record<string, string>;
}

/**
 * A Slack-style incoming webhook on 127.0.0.1 (a free port): records every POST, then answers
 * what `answer` says for it (200 unless told otherwise). `hold` keeps the next answers back until
 * the returned release is called, to catch a sender mid-send.
 */
export class WebhookReceiver {
  readonly posts: ReceivedPost[] = [];
  answer: (post: ReceivedPost, index: number) => WebhookAnswer = () => ({ status: 200 });
  private held: Promise<void> | null = null;
  private readonly server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const post = { path: request.url ?? '', headers: request.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as { text?: string }, at: Date.now() };
      this.posts.push(post);
      const reply = this.answer(post, this.posts.length - 1);
      void (this.held ?? Promise.resolve()).then(() => {
        response.writeHead(reply.status, { 'content-type': 'text/plain', ...reply.headers });
        response.end(reply.status < 300 ? 'ok' : 'no');
      });
    });
  });

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  /** The URL with a path that stands for the secret part of a real webhook URL. */
  url(secretPath: string): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/services/${secretPath}`;
  }

  hold(): () => void {
    let release!: () => void;
    this.held = new Promise((resolve) => (release = resolve));
    return () => {
      this.held = null;
      release();
    };
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export interface ReceivedMail {
  readonly from: string;
  readonly to: string[];
  readonly subject: string;
  readonly messageId: string;
  readonly raw: string;
}

/**
 * A real SMTP server (smtp-server) on 127.0.0.1, without TLS, requiring the given login. `refuse`
 * makes it answer RCPT TO with that SMTP code (e.g. 550) until set back to null.
 */
export class SmtpReceiver {
  readonly mails: ReceivedMail[] = [];
  refuse: number | null = null;
  private readonly server: SMTPServer;

  constructor(
    readonly user: string,
    readonly password: string,
  ) {
    this.server = new SMTPServer({
      secure: false,
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      logger: false,
      onAuth: (auth: SMTPServerAuthentication, _session: SMTPServerSession, callback) => {
        if (auth.username === this.user && auth.password === this.password) return callback(null, { user: auth.username });
        return callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
      },
      onRcptTo: (_address, _session, callback) => {
        if (this.refuse === null) return callback();
        return callback(Object.assign(new Error('mailbox unavailable'), { responseCode: this.refuse }));
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          this.mails.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            subject: header(raw, 'Subject'),
            messageId: header(raw, 'Message-ID'),
            raw,
          });
          callback();
        });
      },
    });
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  get port(): number {
    return (this.server.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** An unfolded header's value (subjects longer than a line are folded by the sender). */
function header(raw: string, name: string): string {
  const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  const line = head.split(/\r?\n/).find((candidate) => candidate.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line ? line.slice(name.length + 1).trim() : '';
}
