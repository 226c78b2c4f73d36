/**
 * 免申即享: a changed file is matched against every policy again, in the same transaction as the
 * change, inside a savepoint — a failed evaluation is logged and rolled back to the savepoint, and
 * never undoes the user's change.
 */
import type { ChildFields, ChildFacts } from '#common/children.js';
import type { Tx } from '../../../core/context.js';
import type { AppDeps } from '../../../core/deps.js';
import { evaluateChildFile, packFor, storeResults, todayShanghai } from '../../eligibility/service.js';
import * as repo from '../repo.js';

export interface WarnLog {
  warn: (o: object, m: string) => void;
}

/**
 * The file's own fields that the eligibility rules read (engine/src/fromChildFile.ts, ChildFileFacts);
 * members, categories and benefits are read too, and each of their changes is matched again.
 */
export const ELIGIBILITY_FIELDS: ReadonlySet<string> = new Set<keyof ChildFields | keyof ChildFacts>([
  'hukou',
  'schoolStage',
  'disabilityType',
  'disabilityGrade',
  'seriousIllness',
  'householdSize',
  'monthlyIncomeFen',
  'assetsFen',
  'adopted',
  'autism',
  'caregiverCanRaise',
  'hivInfected',
]);

export async function rematch(tx: Tx, deps: AppDeps, childId: string, log: WarnLog): Promise<void> {
  await repo.savepoint(tx, 'rematch');
  try {
    if (await repo.childVisible(tx, childId)) {
      const { pack } = await packFor(deps, tx);
      await storeResults(tx, childId, await evaluateChildFile(tx, deps, pack, childId, todayShanghai(deps)));
    }
    await repo.releaseSavepoint(tx, 'rematch');
  } catch (err) {
    await repo.rollbackToSavepoint(tx, 'rematch');
    log.warn({ err: { message: err instanceof Error ? err.message : String(err) } }, 'eligibility re-evaluation failed');
  }
}
