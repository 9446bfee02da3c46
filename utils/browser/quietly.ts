/**
 * A failure Naqi expects and gets past (a tab that closed, a page without the content script,
 * a permission the reader declined): the caller goes on with `fallback`. In a development build
 * the error is logged at debug level, so a failure that was not expected can still be seen.
 */
export function quietly<T>(fallback: T, what: string): (error: unknown) => T {
  return (error) => {
    if (import.meta.env.DEV) console.debug(`[naqi] ${what}:`, error);
    return fallback;
  };
}
