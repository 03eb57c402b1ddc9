import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A real TCP hop between the app and a real service, which a fault test can cut or freeze: the
 * service itself keeps running for everyone else on the machine.
 * - `freeze()`: connections stay open and nothing comes back (a frozen or partitioned server);
 * - `refuse()`: every connection is dropped and new ones are closed at once;
 * - `heal()`: traffic flows again.
 */
export class TcpProxy {
  private readonly sockets = new Set<Socket>();
  private readonly server: Server;
  private mode: 'flow' | 'freeze' | 'refuse' = 'flow';

  private constructor(target: { host: string; port: number }) {
    this.server = createServer((client) => this.accept(client, target));
  }

  static async start(target: { host: string; port: number }): Promise<TcpProxy> {
    const proxy = new TcpProxy(target);
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get url(): string {
    const address = this.server.address();
    if (typeof address !== 'object' || address === null) throw new Error('proxy is not listening');
    return `http://127.0.0.1:${address.port}`;
  }

  freeze(): void {
    this.mode = 'freeze';
    for (const socket of this.sockets) socket.pause();
  }

  refuse(): void {
    this.mode = 'refuse';
    for (const socket of this.sockets) socket.destroy();
  }

  heal(): void {
    this.mode = 'flow';
    for (const socket of this.sockets) socket.destroy();
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket, target: { host: string; port: number }): void {
    if (this.mode === 'refuse') return void client.destroy();
    this.sockets.add(client);
    client.on('close', () => this.sockets.delete(client));
    if (this.mode === 'freeze') return void client.pause();
    const upstream = connect(target.port, target.host);
    this.sockets.add(upstream);
    upstream.on('close', () => this.sockets.delete(upstream));
    client.pipe(upstream).pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  }
}
