/**
 * The check that decides, as root, whether the postgres system user can reach the binaries and the
 * cluster folder, or both must be placed under /var/lib/nuanyang.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { reachable, relocatedClusterDir, ROOT_HOME } from './embeddedRoot.js';

const base = fs.mkdtempSync(path.join(os.tmpdir(), 'nuanyang-reach-'));
afterAll(() => fs.rmSync(base, { recursive: true, force: true }));
const stranger = { uid: 4_000_001, gid: 4_000_001 }; // neither owner nor group of anything here

describe('reachable', () => {
  it('is false under a 0700 parent (mktemp -d, /root) and true once every parent is traversable', () => {
    fs.chmodSync(base, 0o700);
    const deep = path.join(base, 'nuanyang', 'node_modules', 'bin');
    fs.mkdirSync(deep, { recursive: true, mode: 0o755 });
    expect(reachable(deep, stranger)).toBe(false);
    fs.chmodSync(base, 0o711); // traverse only is enough
    expect(reachable(deep, stranger)).toBe(true);
    fs.chmodSync(path.join(base, 'nuanyang'), 0o750);
    expect(reachable(deep, stranger)).toBe(false);
  });

  it('uses the owner and group bits for the user that owns the folder', () => {
    const dir = path.join(base, 'owned');
    fs.mkdirSync(dir, { mode: 0o700 });
    fs.chmodSync(base, 0o711);
    if (process.getuid?.() === 0) {
      fs.chownSync(dir, stranger.uid, stranger.gid);
      expect(reachable(dir, stranger)).toBe(true);
      expect(reachable(dir, { uid: 4_000_002, gid: 4_000_002 })).toBe(false);
      fs.chownSync(dir, 0, stranger.gid);
      fs.chmodSync(dir, 0o710);
      expect(reachable(dir, stranger)).toBe(true);
    }
  });

  it('does not block on a folder that does not exist yet', () => {
    fs.chmodSync(base, 0o711);
    expect(reachable(path.join(base, 'not', 'yet'), stranger)).toBe(true);
  });
});

describe('relocatedClusterDir', () => {
  it('gives each data folder its own cluster under the shared folder, the same one on every start', () => {
    const a = relocatedClusterDir('/root/nuanyang/data');
    expect(a.startsWith(`${ROOT_HOME}/cluster-data-`)).toBe(true);
    expect(a.endsWith('/pg')).toBe(true);
    expect(relocatedClusterDir('/root/nuanyang/data')).toBe(a);
    expect(relocatedClusterDir('/root/other/data')).not.toBe(a);
  });
});
