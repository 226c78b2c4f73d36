/**
 * Field-level encryption for identity numbers, phones and addresses (AES-256-GCM), and blind
 * indexes (HMAC-SHA256) so that an identity number can be looked up without being decrypted.
 * Ciphertext format: "v1.<iv>.<tag>.<ciphertext>" in base64url; the associated data binds a value
 * to its column, so a ciphertext copied into another column fails to decrypt.
 */
import crypto from 'node:crypto';
import { INTEGRITY_MARK, IntegrityError, reportIntegrityFailure } from './integrity.js';

export class FieldCrypto {
  constructor(
    private readonly encKey: Buffer,
    private readonly indexKey: Buffer,
  ) {}

  encrypt(plain: string, column: string): string {
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.encKey, iv);
    cipher.setAAD(Buffer.from(column));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
  }

  /**
   * Throws IntegrityError (and reports it for the current request) when the value was tampered
   * with, is malformed, or belongs to another column.
   */
  decrypt(sealed: string, column: string): string {
    try {
      const [version, iv, tag, body] = sealed.split('.');
      if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('unknown ciphertext format');
      const decipher = crypto.createDecipheriv('aes-256-gcm', this.encKey, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(column));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      reportIntegrityFailure(column);
      throw new IntegrityError(column);
    }
  }

  encryptOrNull(plain: string | null | undefined, column: string): string | null {
    return plain ? this.encrypt(plain, column) : null;
  }

  /**
   * For display: a value that fails its integrity check reads as INTEGRITY_MARK (the failure is
   * reported for the request), so one damaged field does not make a whole file unreadable.
   */
  decryptOrNull(sealed: string | null | undefined, column: string): string | null {
    if (!sealed) return null;
    try {
      return this.decrypt(sealed, column);
    } catch (err) {
      if (err instanceof IntegrityError) return INTEGRITY_MARK;
      throw err;
    }
  }

  /** Keyed hash for equality lookups; the purpose keeps indexes of different kinds unrelated. */
  blindIndex(value: string, purpose: string): string {
    return crypto.createHmac('sha256', this.indexKey).update(`${purpose}\u0000${value}`).digest('base64url');
  }
}
