/** Listeners that drop in-memory state (filters, caches) when a session ends, by logout or by the server. */
const listeners = new Set<() => void>();

export function onSessionEnd(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function emitSessionEnd(): void {
  for (const listener of listeners) listener();
}
