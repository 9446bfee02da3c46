import { browser, storage } from '#imports';
import { withLibrary } from './library.ts';
import { changePassphrase, checkServer, syncLibrary, SyncError, type ServerCheck, type SyncServer } from '../sync/engine.ts';
import { quietly } from './quietly.ts';
import { oneAtATime } from '../sync/serial.ts';

/**
 * Sync wiring (issue 16): the settings and the last outcome in storage.local, the permission
 * for exactly the server's origin, and one sync at a time in the background.
 */

export interface SyncSettings extends SyncServer {
  /** End-to-end encryption; empty for none. */
  passphrase: string;
}

export interface SyncStatus {
  running: boolean;
  /** When the last sync finished well (ms). */
  lastSynced?: number;
  /** What went wrong last time, said to the reader; absent after a good sync. */
  error?: string;
  progress?: { phase: 'download' | 'upload'; done: number; total: number };
}

/** Credentials stay on this device: storage.local, never storage.sync. */
export const syncSettings = storage.defineItem<SyncSettings | null>('local:sync-settings', { fallback: null, version: 1 });
export const syncStatus = storage.defineItem<SyncStatus>('local:sync-status', { fallback: { running: false }, version: 1 });

/**
 * The match pattern of the server's host, or null for an address that is not http(s). Without
 * the port: Firefox grants and `contains()` a pattern with one, yet its requests to that port
 * stay outside the grant (CORS-blocked); a match pattern's host matches every port anyway.
 */
export function originPattern(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
    return `${parsed.protocol}//${parsed.hostname}/*`;
  } catch {
    return null;
  }
}

/** Asks for the server's origin: call it in the click handler, before any await. */
export function requestServerPermission(url: string): Promise<boolean> {
  const pattern = originPattern(url);
  if (!pattern) return Promise.resolve(false);
  return browser.permissions.request({ origins: [pattern] }).catch(quietly(false, 'permissions.request'));
}

/** "Test connection": the folder, the password and the passphrase, checked without syncing. */
export function testServer(settings: SyncSettings): Promise<ServerCheck> {
  return checkServer({
    fetch: (input, init) => fetch(input, init),
    server: { url: settings.url, user: settings.user, password: settings.password },
    ...(settings.passphrase ? { passphrase: settings.passphrase } : {}),
  });
}

/**
 * Re-encrypts the library on the server under `next` (empty: no encryption), then keeps `next`
 * in the settings. Throws a SyncError (the settings keep the old passphrase); cut off, the
 * server still holds the whole library under the old one, and running it again resumes.
 */
export async function changeServerPassphrase(settings: SyncSettings, next: string): Promise<void> {
  const before = await syncStatus.getValue();
  await syncStatus.setValue({ ...before, running: true });
  try {
    await withLibrary((library) =>
      changePassphrase({
        library,
        fetch: (input, init) => fetch(input, init),
        server: { url: settings.url, user: settings.user, password: settings.password },
        ...(settings.passphrase ? { passphrase: settings.passphrase } : {}),
        newPassphrase: next,
      }),
    );
    await syncSettings.setValue({ ...settings, passphrase: next });
    await syncStatus.setValue({ running: false, lastSynced: Date.now() });
  } catch (error) {
    await syncStatus.setValue({ ...before, running: false, error: error instanceof Error ? error.message : String(error) });
    throw error;
  }
}

/**
 * One sync now; during a sync, one more right after it (a save or delete made meanwhile may
 * have missed the running one). Never throws: the outcome is in the status.
 */
export const runSync: () => Promise<SyncStatus> = oneAtATime(syncOnce);

async function syncOnce(): Promise<SyncStatus> {
  const settings = await syncSettings.getValue();
  const before = await syncStatus.getValue();
  if (!settings?.url) return before;
  const pattern = originPattern(settings.url);
  const allowed = pattern
    ? await browser.permissions.contains({ origins: [pattern] }).catch(quietly(false, 'permissions.contains'))
    : false;
  if (!allowed) {
    const status: SyncStatus = {
      ...before,
      running: false,
      error: `Naqi may not reach ${settings.url}: save the sync settings again to allow it.`,
    };
    await syncStatus.setValue(status);
    return status;
  }
  await syncStatus.setValue({ ...before, running: true });
  let status: SyncStatus;
  try {
    const result = await withLibrary((library) =>
      syncLibrary({
        library,
        fetch: (input, init) => fetch(input, init),
        server: { url: settings.url, user: settings.user, password: settings.password },
        ...(settings.passphrase ? { passphrase: settings.passphrase } : {}),
        onProgress: (progress) => void syncStatus.setValue({ ...before, running: true, progress }),
      }),
    );
    status = { running: false, lastSynced: result.at };
  } catch (error) {
    const message = error instanceof SyncError || error instanceof Error ? error.message : String(error);
    status = { ...(before.lastSynced ? { lastSynced: before.lastSynced } : {}), running: false, error: message };
  }
  await syncStatus.setValue(status);
  return status;
}

export const SYNC_ALARM = 'naqi-sync';
/** The schedule: every half hour while the browser runs, besides after each save and delete. */
export const SYNC_PERIOD_MINUTES = 30;
