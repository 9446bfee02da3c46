/**
 * The little of WebDAV (RFC 4918) that sync needs: PROPFIND Depth 1 for names and ETags, GET,
 * conditional PUT, MKCOL. `fetch` is passed in (the extension's, or Node's in tests and the
 * benchmark); every request and byte is counted for the benchmark.
 */

export type SyncErrorCode =
  | 'unreachable'
  | 'auth'
  | 'forbidden'
  | 'not-found'
  | 'not-webdav'
  | 'full'
  | 'server'
  | 'http'
  | 'passphrase'
  | 'passphrase-needed'
  | 'not-encrypted'
  | 'foreign';

/** Every failure of sync; `message` says it to a person and always says that nothing local was lost. */
export class SyncError extends Error {
  override readonly name = 'SyncError';
  constructor(
    readonly code: SyncErrorCode,
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const KEPT = 'Your library on this device is unchanged.';

/** The error for an HTTP status that stops sync. */
export function statusError(status: number, what: string): SyncError {
  const say = (code: SyncErrorCode, text: string): SyncError => new SyncError(code, `${text} ${KEPT}`, status);
  if (status === 401)
    return say(
      'auth',
      `The server refused the user name or password (401) when Naqi tried to ${what}. Check them; Nextcloud needs an app password.`,
    );
  if (status === 403) return say('forbidden', `The server does not allow this user to ${what} (403). Check the folder's permissions.`);
  if (status === 404 || status === 409)
    return say('not-found', `The folder was not found on the server (${status}) when Naqi tried to ${what}. Check the URL.`);
  // A 2xx where a WebDAV answer (207) was due: a plain web server that takes PROPFIND for GET.
  if (status === 405 || status === 501 || (status >= 200 && status < 300))
    return say(
      'not-webdav',
      `This address does not speak WebDAV (${status}) when Naqi tried to ${what}. Check the URL (for Nextcloud: …/remote.php/dav/files/USER/).`,
    );
  if (status === 507)
    return say(
      'full',
      `The storage on the server is full (507) when Naqi tried to ${what}. Free some space there; sync will continue from where it stopped.`,
    );
  if (status >= 500) return say('server', `The server failed (${status}) when Naqi tried to ${what}. Sync will try again later.`);
  return say('http', `The server answered ${status} when Naqi tried to ${what}.`);
}

export interface DavStats {
  requests: number;
  bytesSent: number;
  bytesReceived: number;
}

export interface DavEntry {
  /** The last path segment, decoded. */
  name: string;
  etag: string;
  collection: boolean;
}

export interface DavResponse {
  status: number;
  etag?: string;
  body?: Uint8Array;
}

export interface DavOptions {
  /** The folder URL; ends with '/'. */
  url: string;
  user: string;
  password: string;
  fetch: typeof fetch;
}

/** An ETag as the server wrote it, quotes and W/ included: weak ones are matched differently. */
const etagOf = (etag: string | null | undefined): string | undefined => {
  const trimmed = etag?.trim();
  if (!trimmed) return undefined;
  return /^(W\/)?"/.test(trimmed) ? trimmed : `"${trimmed}"`;
};

const decodeXml = (text: string): string =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&amp;/g, '&');

/** The href, ETag and kind of each response of a multistatus body (any namespace prefix). */
export function parseMultistatus(xml: string): { href: string; etag: string; collection: boolean }[] {
  const out: { href: string; etag: string; collection: boolean }[] = [];
  for (const m of xml.matchAll(/<(?:[\w.-]+:)?response\b[^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?response>/g)) {
    const body = m[1] ?? '';
    const href = /<(?:[\w.-]+:)?href\b[^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?href>/.exec(body)?.[1];
    if (href === undefined) continue;
    const etag = /<(?:[\w.-]+:)?getetag\b[^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?getetag>/.exec(body)?.[1] ?? '';
    const collection = /<(?:[\w.-]+:)?collection\b/.test(body);
    out.push({ href: decodeXml(href.trim()), etag: etagOf(decodeXml(etag.trim())) ?? '', collection });
  }
  return out;
}

/** The header that makes a request conditional on an ETag (a weak one in WebDAV's If header: see put). */
const matching = (etag: string): Record<string, string> => (etag.startsWith('W/') ? { If: `([${etag}])` } : { 'If-Match': etag });

const PROPFIND_BODY =
  '<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="DAV:"><d:prop><d:getetag/><d:resourcetype/></d:prop></d:propfind>';

export class Dav {
  readonly stats: DavStats = { requests: 0, bytesSent: 0, bytesReceived: 0 };
  private readonly auth: string;
  constructor(private readonly options: DavOptions) {
    const bytes = new TextEncoder().encode(`${options.user}:${options.password}`);
    let binary = '';
    for (const b of bytes) binary += String.fromCharCode(b);
    this.auth = `Basic ${btoa(binary)}`;
  }

  /** The URL of a path under the folder (segments are URL-encoded by the caller). */
  url(path: string): string {
    return new URL(path, this.options.url).href;
  }

  private async request(
    method: string,
    path: string,
    init: { headers?: Record<string, string>; body?: Uint8Array | string },
    what: string,
  ): Promise<Response> {
    this.stats.requests++;
    const body = typeof init.body === 'string' ? new TextEncoder().encode(init.body) : init.body;
    this.stats.bytesSent += body?.byteLength ?? 0;
    try {
      return await this.options.fetch(this.url(path), {
        method,
        headers: { Authorization: this.auth, ...init.headers },
        ...(body ? { body: body as BodyInit } : {}),
        credentials: 'omit',
        cache: 'no-store',
        redirect: 'follow',
      });
    } catch (error) {
      throw new SyncError(
        'unreachable',
        `Could not reach the server to ${what}: it is offline, the address is wrong, or its certificate is not trusted. ${KEPT} Sync will try again later.`,
        undefined,
        { cause: error },
      );
    }
  }

  private async bytes(response: Response): Promise<Uint8Array> {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await response.arrayBuffer());
    } catch (error) {
      throw new SyncError('unreachable', `The connection to the server broke off. ${KEPT} Sync will try again later.`, undefined, {
        cause: error,
      });
    }
    this.stats.bytesReceived += bytes.byteLength;
    return bytes;
  }

  /** The members of a folder (not the folder itself), or null when it does not exist. */
  async list(path: string): Promise<DavEntry[] | null> {
    const response = await this.request(
      'PROPFIND',
      path,
      { headers: { Depth: '1', 'Content-Type': 'application/xml; charset=utf-8' }, body: PROPFIND_BODY },
      'list the files',
    );
    if (response.status === 404) {
      await this.bytes(response);
      return null;
    }
    if (response.status !== 207) {
      await this.bytes(response).catch(() => undefined);
      throw statusError(response.status, 'list the files');
    }
    const xml = new TextDecoder().decode(await this.bytes(response));
    const self = new URL(this.url(path)).pathname.replace(/\/$/, '');
    const out: DavEntry[] = [];
    for (const item of parseMultistatus(xml)) {
      const pathname = new URL(item.href, this.url(path)).pathname.replace(/\/$/, '');
      if (decodeURIComponent(pathname) === decodeURIComponent(self)) continue;
      const name = decodeURIComponent(pathname.slice(pathname.lastIndexOf('/') + 1));
      out.push({ name, etag: item.etag, collection: item.collection });
    }
    return out;
  }

  /** Whether a folder or file exists (PROPFIND Depth 0); throws for any answer but 207 and 404. */
  async exists(path: string, what: string): Promise<boolean> {
    const response = await this.request(
      'PROPFIND',
      path,
      { headers: { Depth: '0', 'Content-Type': 'application/xml; charset=utf-8' }, body: PROPFIND_BODY },
      what,
    );
    await this.bytes(response).catch(() => undefined);
    if (response.status === 404) return false;
    if (response.status !== 207) throw statusError(response.status, what);
    return true;
  }

  /** Reads a file; with `ifNoneMatch`, a 304 (no body) when it is still that version. */
  async get(path: string, ifNoneMatch?: string): Promise<DavResponse> {
    const response = await this.request('GET', path, ifNoneMatch ? { headers: { 'If-None-Match': ifNoneMatch } } : {}, 'read a file');
    if (response.status === 404 || response.status === 304) {
      await this.bytes(response);
      return { status: response.status, ...(response.status === 304 && ifNoneMatch ? { etag: ifNoneMatch } : {}) };
    }
    if (!response.ok) {
      await this.bytes(response).catch(() => undefined);
      throw statusError(response.status, 'read a file');
    }
    const etag = etagOf(response.headers.get('ETag'));
    return { status: response.status, body: await this.bytes(response), ...(etag ? { etag } : {}) };
  }

  /**
   * Writes a file only if it is as expected: `ifMatch` its ETag, or `ifNoneMatch` when it must
   * not exist yet. Returns 412 when another writer came first; throws for other failures.
   * A weak ETag (Apache gives one for a file changed in the last second) never passes If-Match,
   * which compares strongly (RFC 9110): it goes in WebDAV's If header instead (RFC 4918 §10.4).
   */
  async put(
    path: string,
    body: Uint8Array,
    condition: { ifMatch: string } | { ifNoneMatch: true } | { unconditional: true },
  ): Promise<DavResponse> {
    const headers: Record<string, string> = {
      'Content-Type': 'application/octet-stream',
      ...('ifMatch' in condition ? matching(condition.ifMatch) : 'ifNoneMatch' in condition ? { 'If-None-Match': '*' } : {}),
    };
    const response = await this.request('PUT', path, { headers, body }, 'upload a file');
    await this.bytes(response).catch(() => undefined);
    if (response.status === 412) return { status: 412 };
    if (!response.ok) throw statusError(response.status, 'upload a file');
    const etag = etagOf(response.headers.get('ETag')) ?? (await this.etagAfterPut(path, body.byteLength));
    return { status: response.status, ...(etag ? { etag } : {}) };
  }

  /**
   * The ETag of a file just written, for servers whose PUT answer has none (Apache): a HEAD
   * right after, taken only if the size is what was written. Otherwise none, and the next sync
   * reads the file back once: slower, never wrong.
   */
  private async etagAfterPut(path: string, size: number): Promise<string | undefined> {
    const response = await this.request('HEAD', path, {}, 'check an upload');
    await this.bytes(response).catch(() => undefined);
    if (!response.ok || Number(response.headers.get('Content-Length')) !== size) return undefined;
    return etagOf(response.headers.get('ETag'));
  }

  /**
   * Deletes a file only if it is still the version `ifMatch` names (servers that ignore the
   * condition delete it anyway: sync then treats the file as lost, and a device that holds
   * something newer writes it again). Returns 412 when it changed, 404 when it is gone already.
   */
  async remove(path: string, ifMatch?: string, what = 'remove an old deletion'): Promise<number> {
    const response = await this.request('DELETE', path, { headers: ifMatch ? { 'If-Match': ifMatch } : {} }, what);
    await this.bytes(response).catch(() => undefined);
    if (response.status === 412 || response.status === 404 || response.ok) return response.status;
    throw statusError(response.status, what);
  }

  /** Creates a folder; one that exists already is fine. */
  async mkcol(path: string): Promise<void> {
    const response = await this.request('MKCOL', path, {}, 'create the sync folder');
    await this.bytes(response).catch(() => undefined);
    if (response.ok || response.status === 405) return;
    throw statusError(response.status, 'create the sync folder');
  }
}
