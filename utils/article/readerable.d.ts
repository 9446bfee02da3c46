// Readability's readerable check alone (its package's index also loads the whole parser): the
// live cleanup's detection needs only this, extraction the rest.
declare module '@mozilla/readability/Readability-readerable.js' {
  import type { isProbablyReaderable } from '@mozilla/readability';
  const readerable: typeof isProbablyReaderable;
  export default readerable;
}
