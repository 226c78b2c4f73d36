/**
 * The upload readers on bytes built here: type by magic bytes, ZIP entries, and photos rewritten
 * without EXIF/GPS with their image data unchanged.
 */
import { describe, expect, it } from 'vitest';
import { cleanFilename, contentDisposition, detectKind, exifOrientation, orientationSegment, stripJpeg, stripPng, zipEntries } from './binary.js';
import { exifWithGps, jpegWithGps, LATITUDE, TINY_JPEG, tinyPng } from './testFixtures.js';

describe('type by magic bytes', () => {
  it('recognises JPEG, PNG and PDF by content whatever the name says', () => {
    expect(detectKind(TINY_JPEG, 'photo.png')).toEqual({ ok: true, kind: 'jpeg' });
    expect(detectKind(tinyPng(), 'x')).toEqual({ ok: true, kind: 'png' });
    expect(detectKind(Buffer.from('%PDF-1.7\n%\xe2\xe3'), 'scan.jpg')).toEqual({ ok: true, kind: 'pdf' });
  });

  it('refuses HTML named .jpg with a Chinese message', () => {
    const html = Buffer.from('<html><script>alert(document.cookie)</script></html>');
    const r = detectKind(html, '照片.jpg');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/不是 JPEG 或 PNG 图片/);
    expect(detectKind(Buffer.from('MZ\x90\x00'), 'setup.exe').ok).toBe(false);
    expect(detectKind(Buffer.from('GIF89a'), 'a.gif').ok).toBe(false);
  });

  it('accepts .docx/.xlsx only as a ZIP holding the matching Office part', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('a').addRow(['x']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    expect(zipEntries(xlsx)!.map((e) => e.name)).toContain('xl/workbook.xml');
    expect(detectKind(xlsx, '名单.xlsx')).toEqual({ ok: true, kind: 'xlsx' });
    expect(detectKind(xlsx, '名单.docx').ok).toBe(false); // a spreadsheet is not a Word file
    expect(detectKind(xlsx, '名单.zip').ok).toBe(false);
    expect(detectKind(Buffer.from('PK\x03\x04garbage'), 'a.docx').ok).toBe(false);
  });

  it('cleans names and gives them the extension of their content', () => {
    expect(cleanFilename('../../etc/照片.png', 'jpeg')).toBe('照片.jpg');
    expect(cleanFilename('报告', 'pdf')).toBe('报告.pdf');
    expect(cleanFilename('a\u0000b.jpeg', 'jpeg')).toBe('a_b.jpeg');
  });

  it('writes an RFC 5987 Content-Disposition', () => {
    expect(contentDisposition('走访 照片.jpg')).toBe(`attachment; filename="__ __.jpg"; filename*=UTF-8''%E8%B5%B0%E8%AE%BF%20%E7%85%A7%E7%89%87.jpg`);
    expect(contentDisposition('a"b;c.pdf')).toMatch(/^attachment; filename="a_b_c.pdf"/);
  });
});

describe('EXIF/GPS removed from photos', () => {
  it('JPEG: EXIF with GPS, XMP and comments are gone; the image bytes are unchanged; orientation is kept alone', () => {
    const tagged = jpegWithGps();
    expect(tagged.includes(LATITUDE)).toBe(true);
    expect(exifOrientation(exifWithGps(6).subarray(4))).toBe(6);

    const { data, removed } = stripJpeg(tagged);
    expect(data.includes(LATITUDE)).toBe(false);
    expect(data.includes(Buffer.from('GPSLatitude'))).toBe(false);
    expect(data.includes(Buffer.from('121.52E'))).toBe(false);
    expect(removed).toEqual(expect.arrayContaining(['EXIF', 'XMP', 'COM']));
    // Exactly the original image, with a minimal orientation-only EXIF after JFIF.
    expect(data.equals(Buffer.concat([TINY_JPEG.subarray(0, 20), orientationSegment(6), TINY_JPEG.subarray(20)]))).toBe(true);
    expect(exifOrientation(orientationSegment(6).subarray(4))).toBe(6);
  });

  it('JPEG without metadata passes unchanged; bytes after the end marker are dropped', () => {
    expect(stripJpeg(TINY_JPEG).data.equals(TINY_JPEG)).toBe(true);
    const polyglot = Buffer.concat([TINY_JPEG, Buffer.from('<html><script>x</script></html>')]);
    const r = stripJpeg(polyglot);
    expect(r.data.equals(TINY_JPEG)).toBe(true);
    expect(r.removed).toContain('trailer');
  });

  it('JPEG with a broken segment length is refused', () => {
    const broken = Buffer.from(TINY_JPEG);
    broken.writeUInt16BE(0xfff0, 4);
    expect(() => stripJpeg(broken)).toThrow(/损坏/);
  });

  it('PNG: tEXt, iTXt and eXIf chunks are gone; image chunks unchanged', () => {
    const tagged = tinyPng(true);
    expect(tagged.includes(Buffer.from('GPS 31.28N'))).toBe(true);
    const { data, removed } = stripPng(tagged);
    expect(data.equals(tinyPng(false))).toBe(true);
    expect(removed.sort()).toEqual(['eXIf', 'iTXt', 'tEXt']);
    expect(data.includes(Buffer.from('tEXt'))).toBe(false);
    expect(() => stripPng(tagged.subarray(0, tagged.length - 20))).toThrow();
  });
});
