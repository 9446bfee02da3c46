/**
 * End-to-end encryption of the files on the server (WebCrypto only).
 *
 * The passphrase gives 512 bits through PBKDF2-SHA-256 (310,000 iterations by default, with a
 * random 16-byte salt kept in the manifest): the first half is an AES-256-GCM key for file
 * contents, the second an HMAC-SHA-256 key that turns an article's id into its file name. Each
 * file is IV (12 random bytes, fresh per write) ‖ ciphertext+tag; the file name is bound as
 * additional data, so a server cannot swap one article's file for another's. Without a
 * passphrase the file name is SHA-256 of the id: it hides nothing the plain file shows anyway.
 */

export const PBKDF2_ITERATIONS = 310_000;
const IV_BYTES = 12;

export interface SyncKeys {
  aes: CryptoKey;
  hmac: CryptoKey;
}

const subtle = (): SubtleCrypto => globalThis.crypto.subtle;
const utf8 = (text: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(text);

export function randomBytes(n: number): Uint8Array<ArrayBuffer> {
  return globalThis.crypto.getRandomValues(new Uint8Array(n));
}

export async function deriveKeys(passphrase: string, salt: Uint8Array<ArrayBuffer>, iterations = PBKDF2_ITERATIONS): Promise<SyncKeys> {
  const base = await subtle().importKey('raw', utf8(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveBits']);
  const bits = new Uint8Array(await subtle().deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, base, 512));
  const [aes, hmac] = await Promise.all([
    subtle().importKey('raw', bits.slice(0, 32), { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']),
    subtle().importKey('raw', bits.slice(32), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']),
  ]);
  return { aes, hmac };
}

export async function encrypt(keys: SyncKeys, plain: Uint8Array<ArrayBuffer>, label: string): Promise<Uint8Array<ArrayBuffer>> {
  const iv = randomBytes(IV_BYTES);
  const sealed = new Uint8Array(await subtle().encrypt({ name: 'AES-GCM', iv, additionalData: utf8(label) }, keys.aes, plain));
  const out = new Uint8Array(IV_BYTES + sealed.byteLength);
  out.set(iv);
  out.set(sealed, IV_BYTES);
  return out;
}

/** The plain bytes, or null when the key or the label is wrong or the file is damaged. */
export async function decrypt(keys: SyncKeys, data: Uint8Array, label: string): Promise<Uint8Array<ArrayBuffer> | null> {
  if (data.byteLength < IV_BYTES + 16) return null;
  try {
    const plain = await subtle().decrypt(
      { name: 'AES-GCM', iv: data.slice(0, IV_BYTES), additionalData: utf8(label) },
      keys.aes,
      data.slice(IV_BYTES),
    );
    return new Uint8Array(plain);
  } catch {
    return null;
  }
}

const hex = (bytes: ArrayBuffer): string => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');

/** The file name of an article: 32 hex digits that say nothing of its URL without the key. */
export async function fileIdOf(id: string, keys: SyncKeys | null): Promise<string> {
  const digest = keys ? await subtle().sign('HMAC', keys.hmac, utf8(id)) : await subtle().digest('SHA-256', utf8(id));
  return hex(digest).slice(0, 32);
}
