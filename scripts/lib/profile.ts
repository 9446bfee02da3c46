import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A browser's profile folder for one launch. */
export interface BrowserProfile {
  dir: string;
  /**
   * Closes the browser with `closeBrowser` and removes a temporary profile; safe to call twice.
   * Also the clean-up when the launch itself fails.
   */
  close(closeBrowser?: () => Promise<unknown>): Promise<void>;
}

/**
 * The profile `given` (the caller owns it: it stays on disk), or a fresh temporary one that is
 * removed on close, and on exit should a killed run never reach close.
 */
export async function browserProfile(prefix: string, given?: string): Promise<BrowserProfile> {
  const kept = given !== undefined;
  const dir = given ?? (await mkdtemp(join(tmpdir(), prefix)));
  const removeNow = (): void => {
    if (!kept) rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', removeNow);
  let closed = false;
  return {
    dir,
    async close(closeBrowser) {
      if (closed) return;
      closed = true;
      await closeBrowser?.().catch(() => undefined);
      if (!kept) await rm(dir, { recursive: true, force: true });
      process.off('exit', removeNow);
    },
  };
}
