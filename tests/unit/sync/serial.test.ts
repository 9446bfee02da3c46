import { describe, expect, it } from 'vitest';
import { oneAtATime } from '../../../utils/sync/serial.ts';

/** A task whose runs are counted and finished by hand. */
function gate(): { runs: number; finish: (ok?: boolean) => void; task: () => Promise<number> } {
  const pending: ((ok: boolean) => void)[] = [];
  const state = {
    runs: 0,
    finish: (ok = true) => pending.shift()?.(ok),
    task: () =>
      new Promise<number>((resolve, reject) => {
        const n = ++state.runs;
        pending.push((ok) => (ok ? resolve(n) : reject(new Error(`run ${n} failed`))));
      }),
  };
  return state;
}

const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

describe('one sync at a time', () => {
  it('runs once more after the current run for a request made during it, and only once for many', async () => {
    const g = gate();
    const sync = oneAtATime(g.task);
    const first = sync();
    const during = [sync(), sync(), sync()];
    await settle();
    expect(g.runs).toBe(1); // never two at once
    g.finish();
    expect(await first).toBe(1);
    await settle();
    expect(g.runs).toBe(2); // the delete made during run 1 is synced by run 2
    g.finish();
    expect(await Promise.all(during)).toEqual([2, 2, 2]);
    await settle();
    expect(g.runs).toBe(2);
  });

  it('starts afresh when nothing runs, and a failed run does not stop the next', async () => {
    const g = gate();
    const sync = oneAtATime(g.task);
    const first = sync();
    const after = sync();
    g.finish(false);
    await expect(first).rejects.toThrow('run 1 failed');
    await settle();
    g.finish();
    expect(await after).toBe(2);
    const again = sync();
    await settle();
    expect(g.runs).toBe(3);
    g.finish();
    expect(await again).toBe(3);
  });

  it('a call made just as a run ends joins the run queued after it: never two at once', async () => {
    const g = gate();
    const sync = oneAtATime(g.task);
    const first = sync();
    const queued = sync();
    let late: Promise<number> | undefined;
    void first.then(() => (late = sync()));
    g.finish();
    await first;
    await settle();
    expect(g.runs).toBe(2);
    g.finish();
    expect(await queued).toBe(2);
    expect(await late).toBe(2);
    expect(g.runs).toBe(2);
  });
});
