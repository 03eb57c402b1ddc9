/**
 * A one-line progress bar on stderr (redrawn in place on a terminal, one line per phase change
 * otherwise, so logs stay readable). Small enough not to be worth a dependency.
 */
export class ProgressBar {
  private lastDraw = 0;
  private lastLabel = '';
  private readonly started = Date.now();

  constructor(
    private readonly stream: NodeJS.WriteStream = process.stderr,
    /** What is counted: `events` for a rebuild, `units` for an import. */
    private readonly noun = 'events',
  ) {}

  update(label: string, done: number, total: number): void {
    const now = Date.now();
    const labelChanged = label !== this.lastLabel;
    if (!labelChanged && now - this.lastDraw < 200 && done < total) return;
    this.lastDraw = now;
    const ratio = total > 0 ? Math.min(1, done / total) : 1;
    const width = 30;
    const filled = Math.round(ratio * width);
    const seconds = (now - this.started) / 1000;
    const rate = seconds > 0 ? Math.round(done / seconds) : 0;
    const line = `${label.padEnd(12)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(ratio * 100).toFixed(1).padStart(5)}% ${done}/${total} ${this.noun}  ${rate}/s  ${seconds.toFixed(0)}s`;
    if (this.stream.isTTY) this.stream.write(`\r${line}`);
    else if (labelChanged) this.stream.write(`${line}\n`);
    this.lastLabel = label;
  }

  finish(): void {
    if (this.stream.isTTY && this.lastLabel !== '') this.stream.write('\n');
    this.lastLabel = '';
  }
}
