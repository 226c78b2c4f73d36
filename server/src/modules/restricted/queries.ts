/** The reads of the restricted list (holders of workforce.restricted only). */
import type { Tx } from '../../core/context.js';
import { listOut, matchOut } from './presenters.js';
import * as repo from './repo.js';

export async function lists(tx: Tx) {
  return { items: (await repo.lists(tx)).map(listOut) };
}

export async function matches(tx: Tx, status: string | undefined) {
  return { items: (await repo.matches(tx, status ?? null)).map(matchOut) };
}
