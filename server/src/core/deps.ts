/**
 * What every module receives: the configuration, the database, field encryption and the clock.
 * Modules import these types from here, never from app.ts (which imports every module), so the
 * module graph has no cycle through the application builder.
 */
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../config.js';
import type { FieldCrypto } from '../crypto/fieldCrypto.js';
import type { Database } from '../db/database.js';

export interface AppDeps {
  config: Config;
  db: Database;
  crypto: FieldCrypto;
  /** Milliseconds since the epoch; tests move it to expire sessions and locks. */
  clock: () => number;
}

/** The Fastify instance with zod schemas as its type provider: route tables are typed from their schemas. */
export type ZApp = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;
