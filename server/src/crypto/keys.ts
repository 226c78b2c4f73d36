/**
 * Keys live outside the database: one master key (environment, or a 0600 file in the data folder
 * outside production) from which purpose-specific keys are derived with HKDF, so that one secret
 * to guard gives independent keys for encryption, blind indexes and the app's database password.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface Keys {
  fieldEncryption: Buffer;
  blindIndex: Buffer;
  appDbPassword: string;
  embeddedSuperuserPassword: string;
  /**
   * Signs the audit chain's checkpoints (written outside the database). The database never holds
   * it, so its owner can rewrite rows and their hashes but cannot sign a matching checkpoint.
   */
  auditCheckpoint: Buffer;
}

export function deriveKeys(master: Buffer): Keys {
  const derive = (purpose: string) => Buffer.from(crypto.hkdfSync('sha256', master, Buffer.alloc(0), `nuanyang:${purpose}`, 32));
  return {
    fieldEncryption: derive('field-encryption:v1'),
    blindIndex: derive('blind-index:v1'),
    appDbPassword: derive('app-db-password').toString('base64url'),
    embeddedSuperuserPassword: derive('embedded-superuser').toString('base64url'),
    auditCheckpoint: derive('audit-checkpoint:v1'),
  };
}

export function parseMasterKey(text: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== 32) throw new Error('NUANYANG_MASTER_KEY must be 32 bytes encoded in base64');
  return key;
}

/** Reads the master key from the data folder, creating it on first start (development and demo only). */
export function loadOrCreateMasterKeyFile(dataDir: string): Buffer {
  const file = path.join(dataDir, 'master.key');
  if (fs.existsSync(file)) return parseMasterKey(fs.readFileSync(file, 'utf8'));
  const key = crypto.randomBytes(32);
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600 });
  return key;
}
