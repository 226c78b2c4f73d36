/**
 * The one file of a multipart/form-data upload (the `file` part), read into the JSON shape of an
 * upload ({ filename, contentBase64 }) so that one schema validates both ways of sending it.
 * Small on purpose: one part is used, every other is ignored.
 */

/** null when the body is not multipart with a `file` part. */
export function multipartFile(body: Buffer, contentType: string): { filename: string; contentBase64: string } | null {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const boundary = m?.[1] ?? m?.[2];
  if (!boundary) return null;
  const delim = Buffer.from(`--${boundary}`);
  let pos = body.indexOf(delim);
  while (pos >= 0) {
    const start = pos + delim.length;
    if (body.subarray(start, start + 2).toString('latin1') === '--') break;
    const headEnd = body.indexOf('\r\n\r\n', start);
    if (headEnd < 0) break;
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delim]), headEnd + 4);
    if (next < 0) break;
    const head = body.subarray(start, headEnd).toString('utf8');
    const disposition = /content-disposition:[^\r\n]*/i.exec(head)?.[0] ?? '';
    if (/\bname="file"/i.test(disposition)) {
      const star = /filename\*=UTF-8''([^;\r\n]+)/i.exec(disposition)?.[1];
      let filename = /filename="([^"]*)"/i.exec(disposition)?.[1] ?? '';
      if (star) {
        try {
          filename = decodeURIComponent(star);
        } catch {
          // keep the plain filename
        }
      }
      return { filename, contentBase64: body.subarray(headEnd + 4, next).toString('base64') };
    }
    pos = next + 2;
  }
  return null;
}
