/** The library's failures, each with a message for people. */

export type LibraryErrorCode = 'quota' | 'corrupt' | 'foreign' | 'version' | 'write' | 'invalid';

/** Every failure the library reports; `code` says which, `message` says it to a person. */
export class LibraryError extends Error {
  override readonly name = 'LibraryError';
  constructor(
    readonly code: LibraryErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Maps an IndexedDB failure to a LibraryError with a message for people. */
export function toLibraryError(error: unknown, action: string): LibraryError {
  if (error instanceof LibraryError) return error;
  const name = error instanceof Error || isDomException(error) ? (error as { name: string }).name : '';
  if (name === 'QuotaExceededError') {
    return new LibraryError(
      'quota',
      `Could not ${action}: the browser's storage for Naqi is full. Delete some saved articles and try again. Nothing was changed.`,
      { cause: error },
    );
  }
  if (name === 'VersionError') {
    return new LibraryError('version', `Could not ${action}: the library was written by a newer version of Naqi. Update Naqi to open it.`, {
      cause: error,
    });
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new LibraryError('write', `Could not ${action}: ${detail}. Nothing was changed.`, { cause: error });
}

function isDomException(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'name' in value && typeof (value as { name: unknown }).name === 'string';
}
