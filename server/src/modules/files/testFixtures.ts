/** Bytes for the files tests: a real tiny JPEG, EXIF with a GPS position, PNGs with and without text chunks. */
import zlib from 'node:zlib';

/** A real 16×16 JPEG (JFIF, baseline), 543 bytes, without any metadata. */
export const TINY_JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQEAAQABAAD/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8QEBEQCgwSExIQEw8QEBD/2wBDAQMDAwQDBAgEBAgQCwkLEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBD/wAARCAAQABADASIAAhEBAxEB/8QAFgABAQEAAAAAAAAAAAAAAAAABwQF/8QAJBAAAQQBBAICAwAAAAAAAAAAAQIDBAYFBwgSExEiABQJMTL/xAAVAQEBAAAAAAAAAAAAAAAAAAAABv/EACMRAAECBQMFAAAAAAAAAAAAAAECEQMEBQYhABIxFRZhgeH/2gAMAwEAAhEDEQA/ABSm0mobc8HmExLUlRzzEWPkJWW+ulrsaUVAseUgslSlH9LKuPryIKuWPZdskzXmm3fX5m2nF4GlVxx/HOpx4ks51+MiU/Iaad7UcUo4tILoS4kqcWkezS0hO/HvuRp0rO6hWnWO1UisZVuFi4GFeyEpmGepa5S5SWVPuciFKRFLgSrwetnyPIB+Vb4N9mKhQMzo5po9XLdDs9d6ZVix2VEhiL9kuNPxw2gEKcDQ/rs8AuA8VAe0vdl7VOYn+27flGAUgmITjbhSmCg3BYlyeWDkMolvw4KOp1KM6iCNvngZHwetf//Z',
  'base64',
);

/** The latitude 31°16'48" N as EXIF rationals: what must not leave the phone. */
export const LATITUDE = Buffer.from([0, 0, 0, 31, 0, 0, 0, 1, 0, 0, 0, 16, 0, 0, 0, 1, 0, 0, 0x12, 0xc0, 0, 0, 0, 100]);

/** An APP1 Exif segment (big-endian TIFF): IFD0 with Orientation and a GPS IFD with latitude. */
export function exifWithGps(orientation = 6): Buffer {
  const t = Buffer.alloc(200);
  t.write('MM', 0, 'latin1');
  t.writeUInt16BE(42, 2);
  t.writeUInt32BE(8, 4);
  // IFD0 at 8: two entries.
  t.writeUInt16BE(2, 8);
  t.writeUInt16BE(0x0112, 10);
  t.writeUInt16BE(3, 12);
  t.writeUInt32BE(1, 14);
  t.writeUInt16BE(orientation, 18);
  t.writeUInt16BE(0x8825, 22);
  t.writeUInt16BE(4, 24);
  t.writeUInt32BE(1, 26);
  t.writeUInt32BE(38, 30); // GPS IFD offset
  t.writeUInt32BE(0, 34);
  // GPS IFD at 38: LatitudeRef 'N', Latitude → 3 rationals at 68.
  t.writeUInt16BE(2, 38);
  t.writeUInt16BE(0x0001, 40);
  t.writeUInt16BE(2, 42);
  t.writeUInt32BE(2, 44);
  t.write('N\0', 48, 'latin1');
  t.writeUInt16BE(0x0002, 52);
  t.writeUInt16BE(5, 54);
  t.writeUInt32BE(3, 56);
  t.writeUInt32BE(68, 60);
  t.writeUInt32BE(0, 64);
  LATITUDE.copy(t, 68);
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), t.subarray(0, 92)]);
  const head = Buffer.from([0xff, 0xe1, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

function segment(marker: number, payload: string | Buffer): Buffer {
  const p = typeof payload === 'string' ? Buffer.from(payload, 'latin1') : payload;
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(p.length + 2, 2);
  return Buffer.concat([head, p]);
}

/** The tiny JPEG with EXIF+GPS, XMP and a comment inserted after its JFIF segment (20 bytes in). */
export function jpegWithGps(): Buffer {
  return Buffer.concat([
    TINY_JPEG.subarray(0, 20),
    exifWithGps(6),
    segment(0xe1, 'http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><exif:GPSLatitude>31,16.8N</exif:GPSLatitude></x:xmpmeta>'),
    segment(0xfe, 'shot at 31.28N 121.52E'),
    TINY_JPEG.subarray(20),
  ]);
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (b: Buffer) => {
  let c = 0xffffffff;
  for (const x of b) c = crcTable[(c ^ x) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
/** A valid 2×2 RGB PNG; with `text`, tEXt/iTXt/eXIf chunks carrying a location. */
export function tinyPng(text = false): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(2, 0);
  ihdr.writeUInt32BE(2, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const raw = Buffer.from([0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255, 255, 255, 255]);
  const parts = [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr)];
  if (text) {
    parts.push(chunk('tEXt', Buffer.from('Comment\0GPS 31.28N 121.52E', 'latin1')));
    parts.push(chunk('iTXt', Buffer.from('Location\0\0\0\0\0杨浦区某小区', 'utf8')));
    parts.push(chunk('eXIf', exifWithGps().subarray(10)));
  }
  parts.push(chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0)));
  return Buffer.concat(parts);
}
