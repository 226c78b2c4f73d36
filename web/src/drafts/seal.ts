/**
 * AES-256-GCM with WebCrypto for the drafts. The key is non-extractable and lives in memory only;
 * the associated data binds a ciphertext to its user and form, so a draft copied into another
 * slot of the store does not decrypt.
 */
const enc = new TextEncoder();
const dec = new TextDecoder();

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const b64 = text
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(text.length / 4) * 4, '=');
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function importDraftKey(base64url: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', fromBase64Url(base64url), { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
}

export interface Sealed {
  iv: Uint8Array<ArrayBuffer>;
  data: ArrayBuffer;
}

export async function seal(key: CryptoKey, plain: string, aad: string): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: enc.encode(aad) }, key, enc.encode(plain));
  return { iv, data };
}

/** Rejects when the key is another (a draft from before a logout) or the data was altered. */
export async function unseal(key: CryptoKey, sealed: Sealed, aad: string): Promise<string> {
  const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.iv, additionalData: enc.encode(aad) }, key, sealed.data);
  return dec.decode(plain);
}
