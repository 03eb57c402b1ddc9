import { GroupCommit, type GroupWriter } from './group-commit';

/** A writer that records how it was called; `refuse` makes combined writes decline. */
function recordingWriter(options: { refuse?: boolean; fail?: (item: number) => boolean } = {}) {
  const calls: string[] = [];
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const writer: GroupWriter<number, string> = {
    async one(item) {
      calls.push(`one(${item})`);
      await gate;
      if (options.fail?.(item)) throw new Error(`conflict ${item}`);
      return `r${item}`;
    },
    async together(items) {
      calls.push(`together(${items.join(',')})`);
      await gate;
      return options.refuse ? null : items.map((item) => `r${item}`);
    },
  };
  return { writer, calls, release };
}

describe('GroupCommit', () => {
  it('given nothing in flight, when one write arrives, then it goes out alone at once', async () => {
    const { writer, calls, release } = recordingWriter();
    const commit = new GroupCommit(writer, 1);

    const result = commit.submit(1);
    release();

    expect(await result).toBe('r1');
    expect(calls).toEqual(['one(1)']);
  });

  it('given a write in flight, when more arrive, then they are committed together afterwards', async () => {
    const { writer, calls, release } = recordingWriter();
    const commit = new GroupCommit(writer, 1);

    const results = [1, 2, 3, 4].map((item) => commit.submit(item));
    release();

    expect(await Promise.all(results)).toEqual(['r1', 'r2', 'r3', 'r4']);
    expect(calls).toEqual(['one(1)', 'together(2,3,4)']);
  });

  it('given a combined write that refuses, then each write is decided alone and only the loser fails', async () => {
    const { writer, calls, release } = recordingWriter({ refuse: true, fail: (item) => item === 3 });
    const commit = new GroupCommit(writer, 1);

    const results = [1, 2, 3, 4].map((item) => commit.submit(item).catch((error: Error) => error.message));
    release();

    expect(await Promise.all(results)).toEqual(['r1', 'r2', 'conflict 3', 'r4']);
    expect(calls).toEqual(['one(1)', 'together(2,3,4)', 'one(2)', 'one(3)', 'one(4)']);
  });

  it('never puts more than maxGroup writes in one combined write', async () => {
    const { writer, calls, release } = recordingWriter();
    const commit = new GroupCommit(writer, 1, 2);

    const results = [1, 2, 3, 4, 5].map((item) => commit.submit(item));
    release();
    await Promise.all(results);

    expect(calls).toEqual(['one(1)', 'together(2,3)', 'together(4,5)']);
  });
});
