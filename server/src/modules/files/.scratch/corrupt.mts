import fs from 'node:fs';
import { readImportFile } from '../importRead.js';
const buf = Buffer.from(fs.readFileSync('/tmp/bench10k.xlsx'));
for (const at of [0.3, 0.5, 0.8]) {
  const b = Buffer.from(buf);
  for (let i = 0; i < 200; i++) b[Math.floor(b.length * at) + i] = (b[Math.floor(b.length * at) + i]! * 7 + 13) & 0xff;
  const t = Date.now();
  const r = await Promise.race([readImportFile(b, 'x.xlsx'), new Promise((res) => setTimeout(() => res('TIMEOUT'), 20000))]);
  console.log(at, Date.now() - t, typeof r === 'string' ? r : (r as any).ok ? `ok ${(r as any).rows.length}` : (r as any).message);
}
// truncated
const tr = buf.subarray(0, Math.floor(buf.length / 2));
console.log('trunc', await readImportFile(tr, 'x.xlsx').then((r) => r.ok ? 'ok' : r.message));
