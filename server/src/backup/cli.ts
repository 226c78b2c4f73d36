/**
 * The ending both commands share: run, and on a failure print what failed and what to do (never
 * a stack trace), exiting 2 ("nothing written / restored"); otherwise exit with run's own code.
 */
import { ConfigError } from '../config.js';
import { StartupError } from '../db/embedded.js';
import { BackupError, errorText } from './format.js';

export async function runCommand(run: () => Promise<number>, failed: string, whatToDo: string): Promise<never> {
  let code: number;
  try {
    code = await run();
  } catch (err) {
    const known = err instanceof BackupError || err instanceof ConfigError || err instanceof StartupError;
    console.error(`✖ ${failed}: ${known ? err.message : `意外错误 / unexpected error: ${errorText(err)}`}`);
    console.error(`  处理 / what to do: ${whatToDo}`);
    code = 2;
  }
  process.exit(code);
}
