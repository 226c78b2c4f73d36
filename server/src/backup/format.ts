/**
 * The `.nybak` backup file (format version 1). Documented in docs/backup.md; in short:
 *
 *   envelope  = MAGIC (8 bytes "NYBAK01\n") · u32 BE header length · header JSON · chunk*
 *   chunk     = u32 BE plaintext length · ciphertext · 16-byte GCM tag
 *
 * The header (plain, authenticated as additional data of every chunk) names the key derivation
 * (HKDF-SHA256 of the master key with purpose `backup:v1`, or scrypt of NUANYANG_BACKUP_PASSPHRASE),
 * its per-file random salt, a key check value and a per-file random nonce prefix. Each chunk is
 * AES-256-GCM with nonce = prefix (7 bytes) · chunk counter (u32 BE) · last-chunk flag (1 byte): a
 * chunk cannot be altered, moved, dropped or appended without its tag failing, and the file must
 * end with the chunk flagged last (a truncated file is refused). Chunked rather than one GCM stream:
 * a single GCM tag is only checked at the very end, after every byte has been handed out; here each
 * megabyte is authenticated before it is used.
 *
 * The plaintext is a sequence of frames (type byte · u32 BE length · payload):
 *   H {header}  then per table  T {name, columns} · D data* · E {rows, sha256}
 *   then per file  F {path} · D data* · E {size, sha256}   and last  M {manifest}
 * Table data is PostgreSQL's COPY text format, rows ordered by primary key.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { z } from 'zod';

export const MAGIC = Buffer.from('NYBAK01\n', 'latin1');
export const FORMAT_VERSION = 1;
export const CHUNK_SIZE = 1 << 20;
const TAG_BYTES = 16;
const SCRYPT = { N: 1 << 15, r: 8, p: 1 };
const HKDF_INFO = 'nuanyang:backup:v1';

/** A failure with a message meant for the operator (Chinese first); never a stack trace. */
export class BackupError extends Error {}

/** The master key, and the passphrase when NUANYANG_BACKUP_PASSPHRASE is set (a backup then uses it). */
export interface KeySource {
  master: Buffer;
  passphrase: string | null;
}

export interface EnvelopeHeader {
  v: 1;
  cipher: 'aes-256-gcm';
  chunkSize: number;
  noncePrefix: string;
  kdf: { name: 'hkdf-sha256'; salt: string; info: string } | { name: 'scrypt'; salt: string; N: number; r: number; p: number };
  /** HMAC of a fixed text with the file key: tells a wrong key from an altered file. */
  keyCheck: string;
}

export interface TableEntry {
  name: string;
  columns: string[];
  rows: number;
  bytes: number;
  sha256: string;
}
export interface FileEntry {
  /** Relative to the data folder, forward slashes. */
  path: string;
  size: number;
  sha256: string;
}
export interface SequenceEntry {
  name: string;
  lastValue: string;
  isCalled: boolean;
}
export interface BackupHeader {
  format: 'nuanyang-backup';
  version: number;
  createdAt: string;
  source: { kind: 'embedded' | 'external'; database: string; server: string };
  /** Applied migrations of the source database, in order. */
  migrations: string[];
  /** Fingerprint of the master key that encrypted the fields inside (never the key). */
  masterKeyId: string;
}
export interface Manifest extends BackupHeader {
  tables: TableEntry[];
  sequences: SequenceEntry[];
  files: FileEntry[];
}

/** A fingerprint of the master key: the restore refuses a backup whose fields another key encrypted. */
export function masterKeyId(master: Buffer): string {
  return Buffer.from(crypto.hkdfSync('sha256', master, Buffer.alloc(0), 'nuanyang:backup-master-id:v1', 16)).toString('hex');
}

function fileKey(source: KeySource, kdf: EnvelopeHeader['kdf']): Buffer {
  const salt = Buffer.from(kdf.salt, 'base64');
  if (kdf.name === 'hkdf-sha256') return Buffer.from(crypto.hkdfSync('sha256', source.master, salt, kdf.info, 32));
  if (source.passphrase === null)
    throw new BackupError('此备份用口令加密，请设置 NUANYANG_BACKUP_PASSPHRASE / this backup is encrypted with a passphrase: set NUANYANG_BACKUP_PASSPHRASE');
  return crypto.scryptSync(source.passphrase, salt, 32, { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 256 * kdf.N * kdf.r });
}

const keyCheckOf = (key: Buffer) => crypto.createHmac('sha256', key).update('nuanyang-backup-key-check').digest('hex');

function nonce(prefix: Buffer, counter: number, last: boolean): Buffer {
  const n = Buffer.alloc(12);
  prefix.copy(n, 0, 0, 7);
  n.writeUInt32BE(counter, 7);
  n[11] = last ? 1 : 0;
  return n;
}

/** Writes the encrypted envelope to a file descriptor, chunk by chunk, synchronously. */
export class EncryptingWriter {
  private readonly key: Buffer;
  private readonly prefix = crypto.randomBytes(7);
  private readonly aad: Buffer;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private counter = 0;
  bytesWritten = 0;

  constructor(
    private readonly fd: number,
    source: KeySource,
    private readonly chunkSize = CHUNK_SIZE,
  ) {
    const salt = crypto.randomBytes(16).toString('base64');
    const kdf: EnvelopeHeader['kdf'] = source.passphrase === null ? { name: 'hkdf-sha256', salt, info: HKDF_INFO } : { name: 'scrypt', salt, ...SCRYPT };
    this.key = fileKey(source, kdf);
    const header: EnvelopeHeader = {
      v: 1,
      cipher: 'aes-256-gcm',
      chunkSize,
      noncePrefix: this.prefix.toString('base64'),
      kdf,
      keyCheck: keyCheckOf(this.key),
    };
    const json = Buffer.from(JSON.stringify(header), 'utf8');
    const len = Buffer.alloc(4);
    len.writeUInt32BE(json.length);
    this.aad = Buffer.concat([MAGIC, len, json]);
    this.out(this.aad);
  }

  private out(b: Buffer): void {
    let off = 0;
    while (off < b.length) off += fs.writeSync(this.fd, b, off, b.length - off);
    this.bytesWritten += b.length;
  }

  private seal(plain: Buffer, last: boolean): void {
    const c = crypto.createCipheriv('aes-256-gcm', this.key, nonce(this.prefix, this.counter++, last));
    c.setAAD(this.aad);
    const body = Buffer.concat([c.update(plain), c.final()]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(plain.length);
    this.out(Buffer.concat([len, body, c.getAuthTag()]));
  }

  write(b: Buffer): void {
    this.pending.push(b);
    this.pendingBytes += b.length;
    while (this.pendingBytes > this.chunkSize) {
      const all = Buffer.concat(this.pending);
      this.seal(all.subarray(0, this.chunkSize), false);
      const rest = all.subarray(this.chunkSize);
      this.pending = [rest];
      this.pendingBytes = rest.length;
    }
  }

  /** Seals what is left as the last chunk (possibly empty). */
  finish(): void {
    this.seal(Buffer.concat(this.pending), true);
    this.pending = [];
    this.pendingBytes = 0;
  }
}

async function readExactly(fh: fs.promises.FileHandle, n: number): Promise<Buffer> {
  const b = Buffer.alloc(n);
  let got = 0;
  while (got < n) {
    const { bytesRead } = await fh.read(b, got, n - got, null);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return got === n ? b : b.subarray(0, got);
}

const NOT_A_BACKUP = '不是暖杨备份文件，或文件头已损坏 / not a NuanYang backup file (or its header is damaged)';

const EnvelopeHeaderSchema = z.object({
  v: z.literal(1),
  cipher: z.literal('aes-256-gcm'),
  chunkSize: z
    .number()
    .int()
    .min(1)
    .max(1 << 24),
  noncePrefix: z.string().refine((s) => Buffer.from(s, 'base64').length === 7),
  kdf: z.discriminatedUnion('name', [
    z.object({ name: z.literal('hkdf-sha256'), salt: z.string(), info: z.literal(HKDF_INFO) }),
    z.object({
      name: z.literal('scrypt'),
      salt: z.string(),
      N: z
        .number()
        .int()
        .min(2)
        .max(1 << 20),
      r: z.number().int().min(1).max(32),
      p: z.number().int().min(1).max(16),
    }),
  ]),
  keyCheck: z.string().regex(/^[0-9a-f]{64}$/),
});

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** JSON text checked against a schema; anything else is malformed content. */
export function parseJson<T>(text: Buffer, schema: z.ZodType<T>, what = '备份内容格式错误 / malformed backup content'): T {
  let v: unknown;
  try {
    v = JSON.parse(text.toString('utf8'));
  } catch {
    throw new BackupError(what);
  }
  const r = schema.safeParse(v);
  if (!r.success) throw new BackupError(what);
  return r.data;
}

/** Decrypts a backup file chunk by chunk; every chunk is authenticated before it is yielded. */
export async function* decryptFile(file: string, source: KeySource): AsyncGenerator<Buffer> {
  let fh: fs.promises.FileHandle;
  try {
    fh = await fs.promises.open(file, 'r');
  } catch (err) {
    throw new BackupError(`无法打开备份文件 / cannot open the backup file ${file}: ${errorText(err)}`);
  }
  try {
    const magic = await readExactly(fh, MAGIC.length + 4);
    if (magic.length < MAGIC.length + 4 || !magic.subarray(0, MAGIC.length).equals(MAGIC)) throw new BackupError(NOT_A_BACKUP);
    const headerLen = magic.readUInt32BE(MAGIC.length);
    if (headerLen > 64 * 1024) throw new BackupError(NOT_A_BACKUP);
    const json = await readExactly(fh, headerLen);
    if (json.length < headerLen) throw new BackupError(NOT_A_BACKUP);
    const header = parseJson(json, EnvelopeHeaderSchema, NOT_A_BACKUP);
    const aad = Buffer.concat([magic, json]);
    const key = fileKey(source, header.kdf);
    const expected = Buffer.from(keyCheckOf(key), 'hex');
    const stored = Buffer.from(header.keyCheck, 'hex');
    if (stored.length !== expected.length || !crypto.timingSafeEqual(stored, expected)) {
      throw new BackupError(
        header.kdf.name === 'hkdf-sha256'
          ? '密钥不符：此备份不是用当前主密钥加密的 / wrong key: this backup was not made with the current master key (NUANYANG_MASTER_KEY or <数据目录>/master.key)'
          : '口令不符 / wrong passphrase: NUANYANG_BACKUP_PASSPHRASE does not open this backup',
      );
    }
    const prefix = Buffer.from(header.noncePrefix, 'base64');
    for (let counter = 0; ; counter++) {
      const lenBuf = await readExactly(fh, 4);
      if (lenBuf.length < 4) throw new BackupError('备份文件不完整（被截断）/ the backup file is incomplete (truncated)');
      const len = lenBuf.readUInt32BE(0);
      if (len > header.chunkSize)
        throw new BackupError(`备份文件已被修改或损坏（第 ${counter + 1} 块）/ the backup file was altered or damaged (chunk ${counter + 1})`);
      const body = await readExactly(fh, len + TAG_BYTES);
      if (body.length < len + TAG_BYTES) throw new BackupError('备份文件不完整（被截断）/ the backup file is incomplete (truncated)');
      // The last chunk is the one whose flag authenticates as set; a shorter one is not always last.
      const open = (last: boolean): Buffer | null => {
        const d = crypto.createDecipheriv('aes-256-gcm', key, nonce(prefix, counter, last));
        d.setAAD(aad);
        d.setAuthTag(body.subarray(len));
        try {
          return Buffer.concat([d.update(body.subarray(0, len)), d.final()]);
        } catch {
          return null;
        }
      };
      const plain = open(false);
      if (plain) {
        yield plain;
        continue;
      }
      const lastPlain = open(true);
      if (!lastPlain)
        throw new BackupError(
          `备份文件已被修改或损坏（第 ${counter + 1} 块校验失败）/ the backup file was altered or damaged (chunk ${counter + 1} fails authentication)`,
        );
      const extra = await readExactly(fh, 1);
      if (extra.length) throw new BackupError('备份文件末尾有多余数据（文件被修改）/ unexpected data after the end of the backup (the file was altered)');
      yield lastPlain;
      return;
    }
  } finally {
    await fh.close();
  }
}

export type FrameType = 'H' | 'T' | 'D' | 'E' | 'F' | 'M';
export interface Frame {
  type: FrameType;
  payload: Buffer;
}

export function frame(type: FrameType, payload: Buffer | object): Buffer {
  const body = Buffer.isBuffer(payload) ? payload : Buffer.from(JSON.stringify(payload), 'utf8');
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeUInt32BE(body.length, 1);
  return Buffer.concat([head, body]);
}

const isFrameType = (t: string): t is FrameType => t === 'H' || t === 'T' || t === 'D' || t === 'E' || t === 'F' || t === 'M';

/** Splits the decrypted plaintext into frames. */
export async function* frames(plain: AsyncIterable<Buffer>): AsyncGenerator<Frame> {
  let buf: Buffer = Buffer.alloc(0);
  for await (const chunk of plain) {
    buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
    let off = 0;
    while (buf.length - off >= 5) {
      const type = String.fromCharCode(buf[off] ?? 0);
      if (!isFrameType(type)) throw new BackupError('备份内容格式错误 / malformed backup content');
      const len = buf.readUInt32BE(off + 1);
      if (buf.length - off - 5 < len) break;
      yield { type, payload: buf.subarray(off + 5, off + 5 + len) };
      off += 5 + len;
    }
    buf = buf.subarray(off);
  }
  if (buf.length) throw new BackupError('备份文件不完整（被截断）/ the backup file is incomplete (truncated)');
}

const HeaderFields = {
  format: z.literal('nuanyang-backup'),
  version: z.number().int(),
  createdAt: z.string(),
  source: z.object({ kind: z.enum(['embedded', 'external']), database: z.string(), server: z.string() }),
  migrations: z.array(z.string()),
  masterKeyId: z.string(),
};
export const HeaderSchema: z.ZodType<BackupHeader> = z.object(HeaderFields);
export const ManifestSchema: z.ZodType<Manifest> = z.object({
  ...HeaderFields,
  tables: z.array(
    z.object({ name: z.string(), columns: z.array(z.string()), rows: z.number().int().min(0), bytes: z.number().int().min(0), sha256: z.string() }),
  ),
  sequences: z.array(z.object({ name: z.string(), lastValue: z.string().regex(/^-?\d+$/), isCalled: z.boolean() })),
  files: z.array(z.object({ path: z.string(), size: z.number().int().min(0), sha256: z.string() })),
});
export const TableBeginSchema = z.object({ name: z.string(), columns: z.array(z.string()) });
export const TableEndSchema = z.object({ rows: z.number().int().min(0), bytes: z.number().int().min(0), sha256: z.string() });
export const FileBeginSchema = z.object({ path: z.string() });
export const FileEndSchema = z.object({ size: z.number().int().min(0), sha256: z.string() });
