// Browser tests need the built interface; build it (if stale) before the server tests' database setup.
// @ts-expect-error plain ES module without types
import { buildWebIfStale } from '../../scripts/webBuild.mjs';

export default function setup(): void {
  (buildWebIfStale as () => void)();
}
