/** Turns configuration into the runtime pieces every entry point needs (server, CLIs, tests). */
import type { Config } from './config.js';
import { FieldCrypto } from './crypto/fieldCrypto.js';
import { deriveKeys, loadOrCreateMasterKeyFile, parseMasterKey, type Keys } from './crypto/keys.js';

export function keysFor(config: Config): Keys {
  const master = config.masterKey ? parseMasterKey(config.masterKey) : loadOrCreateMasterKeyFile(config.dataDir);
  return deriveKeys(master);
}

export function cryptoFor(keys: Keys): FieldCrypto {
  return new FieldCrypto(keys.fieldEncryption, keys.blindIndex);
}
