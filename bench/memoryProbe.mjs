// Preloaded into the server process by `npm run bench:soak` (node --import): on SIGUSR2 the server
// collects garbage (node --expose-gc) and prints its own memory as one line, so the bench measures
// the server's heap from outside without the server carrying any benchmark code of its own.
import process from 'node:process';

process.on('SIGUSR2', () => {
  globalThis.gc?.();
  process.stdout.write(`\n@@memory ${JSON.stringify(process.memoryUsage())}\n`);
});
