/**
 * Small binary readers for uploads (security requirement 23):
 * - what a file *is*, from its first bytes (never from its name or a client-declared type);
 * - the entry names of a ZIP container (an .xlsx or .docx is a ZIP with known parts);
 * - JPEG and PNG rewritten without their metadata (EXIF with GPS position, XMP, IPTC, text
 *   chunks), the image data itself copied byte for byte.
 */
import { ATTACHMENT_KINDS, type AttachmentKind } from '#common/files.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const ZIP_LOCAL = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

export class BadFile extends Error {}

export const isJpeg = (b: Buffer) => b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;
export const isPng = (b: Buffer) => b.length >= 8 && b.subarray(0, 8).equals(PNG_SIGNATURE);
export const isPdf = (b: Buffer) => b.length >= 5 && b.subarray(0, 5).toString('latin1') === '%PDF-';
export const isZip = (b: Buffer) => b.length >= 4 && b.subarray(0, 4).equals(ZIP_LOCAL);

export interface ZipEntry {
  name: string;
  uncompressedSize: number;
}

interface CentralEntry extends ZipEntry {
  localOffset: number;
  cdPos: number;
  cdLen: number;
}
interface Central {
  entries: CentralEntry[];
  eocd: number;
  cdOffset: number;
  cdSize: number;
}

function readCentral(b: Buffer): Central | null {
  if (!isZip(b) || b.length < 22) return null;
  // The end-of-central-directory record is in the last 22 + 65535 (comment) bytes.
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 0xffff); i--) {
    if (b.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = b.readUInt16LE(eocd + 10);
  const cdSize = b.readUInt32LE(eocd + 12);
  const cdOffset = b.readUInt32LE(eocd + 16);
  if (cdOffset + cdSize > eocd) return null;
  const entries: CentralEntry[] = [];
  let pos = cdOffset;
  for (let i = 0; i < count; i++) {
    if (pos + 46 > b.length || b.readUInt32LE(pos) !== 0x02014b50) return null;
    const nameLen = b.readUInt16LE(pos + 28);
    const cdLen = 46 + nameLen + b.readUInt16LE(pos + 30) + b.readUInt16LE(pos + 32);
    if (pos + cdLen > b.length) return null;
    const localOffset = b.readUInt32LE(pos + 42);
    if (localOffset >= cdOffset) return null;
    entries.push({
      name: b.subarray(pos + 46, pos + 46 + nameLen).toString('utf8'),
      uncompressedSize: b.readUInt32LE(pos + 24),
      localOffset,
      cdPos: pos,
      cdLen,
    });
    pos += cdLen;
  }
  return { entries, eocd, cdOffset, cdSize };
}

/**
 * The entries listed in a ZIP file's central directory, or null when the file is not a readable
 * ZIP (no end-of-central-directory record, or a directory pointing outside the file).
 */
export function zipEntries(b: Buffer): ZipEntry[] | null {
  return readCentral(b)?.entries.map(({ name, uncompressedSize }) => ({ name, uncompressedSize })) ?? null;
}

/**
 * The same ZIP with the named entries moved to the front (contents untouched, offsets rewritten),
 * for readers that go through a ZIP in order. Null when the file's records are not contiguous.
 */
export function reorderZip(b: Buffer, first: string[]): Buffer | null {
  const c = readCentral(b);
  if (!c || !c.entries.length) return null;
  const byOffset = [...c.entries].sort((x, y) => x.localOffset - y.localOffset);
  if (byOffset[0]!.localOffset !== 0) return null;
  const record = new Map<CentralEntry, Buffer>();
  byOffset.forEach((e, i) => {
    const end = i + 1 < byOffset.length ? byOffset[i + 1]!.localOffset : c.cdOffset;
    record.set(e, b.subarray(e.localOffset, end));
  });
  const rank = (e: CentralEntry) => {
    const i = first.indexOf(e.name);
    return i < 0 ? first.length : i;
  };
  const order = [...byOffset].sort((x, y) => rank(x) - rank(y) || x.localOffset - y.localOffset);
  const parts: Buffer[] = [];
  const cd: Buffer[] = [];
  let offset = 0;
  for (const e of order) {
    const rec = record.get(e)!;
    const entry = Buffer.from(b.subarray(e.cdPos, e.cdPos + e.cdLen));
    entry.writeUInt32LE(offset, 42);
    parts.push(rec);
    cd.push(entry);
    offset += rec.length;
  }
  const eocd = Buffer.from(b.subarray(c.eocd));
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...cd, eocd]);
}

/** The lower-case extension of a file name, with its dot ('' when none). */
export function extensionOf(name: string): string {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(name.trim());
  return m ? `.${m[1]!.toLowerCase()}` : '';
}

const IMAGE_EXTENSIONS = new Set(['.jpg', '.jpeg', '.jpe', '.png', '.gif', '.bmp', '.webp', '.heic', '.tif', '.tiff']);
const ALLOWED_TEXT = 'JPEG/PNG 图片、PDF、Word（.docx）或 Excel（.xlsx）文件';

export type Detected = { ok: true; kind: AttachmentKind } | { ok: false; message: string };

/** What a file is, from its content. Office files must also carry their matching extension. */
export function detectKind(b: Buffer, filename: string): Detected {
  if (isJpeg(b)) return { ok: true, kind: 'jpeg' };
  if (isPng(b)) return { ok: true, kind: 'png' };
  if (isPdf(b)) return { ok: true, kind: 'pdf' };
  const ext = extensionOf(filename);
  if (isZip(b)) {
    const names = new Set((zipEntries(b) ?? []).map((e) => e.name));
    if (ext === '.docx' && names.has('word/document.xml')) return { ok: true, kind: 'docx' };
    if (ext === '.xlsx' && names.has('xl/workbook.xml')) return { ok: true, kind: 'xlsx' };
    if (ext === '.docx' || ext === '.xlsx') return { ok: false, message: `文件“${filename}”已损坏或不是真正的 ${ext} 文件，请用 Office/WPS 重新保存后再上传` };
    return { ok: false, message: `不支持压缩包等其他文件类型：只能上传${ALLOWED_TEXT}` };
  }
  if (IMAGE_EXTENSIONS.has(ext)) {
    return { ok: false, message: `文件“${filename}”的内容不是 JPEG 或 PNG 图片（与扩展名不符），已拒绝上传。请上传原始照片，只能上传${ALLOWED_TEXT}` };
  }
  if (ext === '.pdf' || ext === '.doc' || ext === '.xls') {
    const hint = ext === '.pdf' ? '文件内容不是 PDF' : `旧版 ${ext} 格式不支持，请另存为 ${ext}x 后再上传`;
    return { ok: false, message: `文件“${filename}”无法上传：${hint}。只能上传${ALLOWED_TEXT}` };
  }
  return { ok: false, message: `不支持该文件类型，只能上传${ALLOWED_TEXT}（按文件内容判断，而不是文件名）` };
}

/** A safe display and download name: no folders or control characters, the extension of what the content is. */
export function cleanFilename(name: string, kind: AttachmentKind): string {
  const base =
    name
      .normalize('NFC')
      .split(/[\\/]/)
      .pop()!
      .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_')
      .trim()
      .slice(0, 150) || '附件';
  const want = ATTACHMENT_KINDS[kind].ext;
  const ext = extensionOf(base);
  const same = ext === want || (kind === 'jpeg' && (ext === '.jpeg' || ext === '.jpe'));
  if (same) return base;
  // The name claims another type: keep what the person called it, give it the true extension.
  return `${ext && (IMAGE_EXTENSIONS.has(ext) || ext === '.pdf') ? base.slice(0, -ext.length) : base}${want}`;
}

// ---------------------------------------------------------------------------------------------
// JPEG
// ---------------------------------------------------------------------------------------------

/** APPn segments kept: JFIF (APP0), ICC colour profile (APP2), Adobe colour transform (APP14). */
const KEEP_APP = new Set([0xe0, 0xe2, 0xee]);

export interface Stripped {
  data: Buffer;
  removed: string[];
}

/** The EXIF orientation (1-8) in an APP1 Exif payload, if present. */
export function exifOrientation(app1Payload: Buffer): number | null {
  if (app1Payload.length < 14 || app1Payload.subarray(0, 6).toString('latin1') !== 'Exif\0\0') return null;
  const t = app1Payload.subarray(6);
  const order = t.subarray(0, 2).toString('latin1');
  if (order !== 'II' && order !== 'MM') return null;
  const le = order === 'II';
  const u16 = (o: number) => (le ? t.readUInt16LE(o) : t.readUInt16BE(o));
  const u32 = (o: number) => (le ? t.readUInt32LE(o) : t.readUInt32BE(o));
  try {
    const ifd = u32(4);
    const n = u16(ifd);
    for (let i = 0; i < n; i++) {
      const e = ifd + 2 + i * 12;
      if (u16(e) === 0x0112 && u16(e + 2) === 3) {
        const v = u16(e + 8);
        return v >= 1 && v <= 8 ? v : null;
      }
    }
  } catch {
    return null; // offsets outside the segment: no usable orientation
  }
  return null;
}

/** A minimal APP1 Exif segment holding only the orientation tag (so a rotated phone photo still displays upright). */
export function orientationSegment(orientation: number): Buffer {
  const tiff = Buffer.alloc(8 + 2 + 12 + 4);
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4);
  tiff.writeUInt16BE(1, 8); // one entry
  tiff.writeUInt16BE(0x0112, 10); // Orientation
  tiff.writeUInt16BE(3, 12); // SHORT
  tiff.writeUInt32BE(1, 14); // count
  tiff.writeUInt16BE(orientation, 18);
  tiff.writeUInt32BE(0, 22); // no next IFD
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const head = Buffer.from([0xff, 0xe1, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

/**
 * A JPEG without EXIF (GPS position, camera, time), XMP, IPTC, comments or other application
 * segments; the frame, tables and compressed scans are copied unchanged. Bytes after the end
 * marker are dropped. Throws BadFile for a damaged structure.
 */
export function stripJpeg(b: Buffer): Stripped {
  if (!isJpeg(b)) throw new BadFile('不是 JPEG 图片');
  const out: Buffer[] = [b.subarray(0, 2)];
  const removed: string[] = [];
  let orientation: number | null = null;
  let pos = 2;
  let ended = false;
  const damaged = () => new BadFile('图片文件已损坏，请重新导出或拍摄后上传');
  while (pos < b.length) {
    if (b[pos] !== 0xff) throw damaged();
    while (pos + 1 < b.length && b[pos + 1] === 0xff) pos++; // fill bytes
    if (pos + 1 >= b.length) throw damaged();
    const marker = b[pos + 1]!;
    if (marker === 0xd9) {
      out.push(b.subarray(pos, pos + 2));
      pos += 2;
      ended = true;
      break;
    }
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      out.push(b.subarray(pos, pos + 2));
      pos += 2;
      continue;
    }
    if (pos + 4 > b.length) throw damaged();
    const len = b.readUInt16BE(pos + 2);
    if (len < 2 || pos + 2 + len > b.length) throw damaged();
    const seg = b.subarray(pos, pos + 2 + len);
    const payload = seg.subarray(4);
    const isApp = marker >= 0xe0 && marker <= 0xef;
    if (marker === 0xe1) {
      const o = exifOrientation(payload);
      if (o !== null) orientation = o;
      removed.push(payload.subarray(0, 4).toString('latin1') === 'Exif' ? 'EXIF' : 'XMP');
    } else if (isApp && !KEEP_APP.has(marker)) {
      removed.push(marker === 0xed ? 'IPTC' : `APP${marker - 0xe0}`);
    } else if (marker === 0xfe) {
      removed.push('COM');
    } else {
      out.push(seg);
    }
    pos += 2 + len;
    if (marker === 0xda) {
      // Entropy-coded data up to the next real marker (FF00 is a stuffed byte, FFD0-D7 restarts).
      const start = pos;
      while (pos < b.length) {
        if (b[pos] === 0xff && pos + 1 < b.length) {
          const n = b[pos + 1]!;
          if (n === 0x00 || (n >= 0xd0 && n <= 0xd7)) {
            pos += 2;
            continue;
          }
          if (n === 0xff) {
            pos++;
            continue;
          }
          break;
        }
        pos++;
      }
      out.push(b.subarray(start, pos));
    }
  }
  if (!ended) out.push(Buffer.from([0xff, 0xd9]));
  if (pos < b.length) removed.push('trailer');
  if (orientation !== null && orientation !== 1) {
    // After SOI and JFIF (when present), as EXIF would be.
    const afterJfif = out[1] && out[1][1] === 0xe0 ? 2 : 1;
    out.splice(afterJfif, 0, orientationSegment(orientation));
  }
  return { data: Buffer.concat(out), removed: [...new Set(removed)] };
}

// ---------------------------------------------------------------------------------------------
// PNG
// ---------------------------------------------------------------------------------------------

/** Chunks dropped: EXIF and every kind of text (which cameras and editors use for metadata). */
const DROP_PNG = new Set(['eXIf', 'tEXt', 'iTXt', 'zTXt', 'tIME']);

/** A PNG without EXIF, text or time chunks; image chunks copied unchanged; nothing after IEND. */
export function stripPng(b: Buffer): Stripped {
  if (!isPng(b)) throw new BadFile('不是 PNG 图片');
  const out: Buffer[] = [b.subarray(0, 8)];
  const removed: string[] = [];
  let pos = 8;
  let ended = false;
  while (pos + 12 <= b.length) {
    const len = b.readUInt32BE(pos);
    const type = b.subarray(pos + 4, pos + 8).toString('latin1');
    const end = pos + 12 + len;
    if (!/^[A-Za-z]{4}$/.test(type) || end > b.length) throw new BadFile('图片文件已损坏，请重新导出后上传');
    if (DROP_PNG.has(type)) removed.push(type);
    else out.push(b.subarray(pos, end));
    pos = end;
    if (type === 'IEND') {
      ended = true;
      break;
    }
  }
  if (!ended) throw new BadFile('图片文件不完整，请重新导出后上传');
  if (pos < b.length) removed.push('trailer');
  return { data: Buffer.concat(out), removed: [...new Set(removed)] };
}

/** Photos lose their metadata; other files are stored as uploaded. */
export function stripMetadata(kind: AttachmentKind, b: Buffer): Stripped {
  if (kind === 'jpeg') return stripJpeg(b);
  if (kind === 'png') return stripPng(b);
  return { data: b, removed: [] };
}

/** `Content-Disposition: attachment` with an ASCII fallback and the UTF-8 name (RFC 6266 / RFC 5987). */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\;]/g, '_') || 'file';
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
