/** The single evaluator's results as Chinese text: what the CLI prints and a caseworker reads. */
import type { PolicyResult } from './compile/single.js';

const MARK = { true: '✓', false: '✗', null: '？' } as const;
const RESULT = { eligible: '符合', 'not-eligible': '不符合', undetermined: '尚无法判断' } as const;

export function renderPolicy(r: PolicyResult): string {
  const lines: string[] = [];
  lines.push(`【${r.name.zh}】${RESULT[r.result]}（${r.unitLabel}，${r.kindLabel}）`);
  lines.push(`  ${r.summary}`);
  lines.push(`  ${r.explanation}`);
  if (r.logic)
    lines.push(
      `  逻辑版本：${r.logic.version}（${r.logic.from} 起${r.logic.to ? `，至 ${r.logic.to}` : ''}${r.logic.fromVerified ? '' : '，起始日期未核实'}）依据 ${r.logic.basis}${r.logic.note ? `；${r.logic.note}` : ''}`,
    );
  for (const c of r.criteria) {
    // a criterion that did not hold under a decided answer is an alternative that did not matter: say so
    const moot = r.result !== 'undetermined' && c.value !== true && !c.failed ? '（另一可选条件已满足，此项不影响结论）' : '';
    lines.push(`  ${MARK[String(c.value) as 'true' | 'false' | 'null']} ${c.label}：${c.explanation}〔${c.clause}〕${c.failed ? ' ← 不满足' : moot}`);
    for (const p of c.params) {
      lines.push(
        `      参数 ${p.label}：${p.text}${p.value !== null ? `（${p.source}，${p.from} 起${p.to ? ` 至 ${p.to}` : ''}${p.verified ? '' : '；未核实'}${p.whatIf ? '；假设情景' : ''}）` : ''}${p.note ? `；注：${p.note}` : ''}`,
      );
    }
    if (c.note) lines.push(`      注：${c.note}`);
  }
  if (r.result === 'undetermined' && (r.missing.length || r.missingParams.length)) {
    lines.push(`  还需补充：${[...r.missing.map((m) => m.label), ...r.missingParams.map((p) => `参数「${p.label}」${p.reason}`)].join('、')}`);
  }
  for (const x of r.review) lines.push(`  需人工核实：${x.text}`);
  if (r.reason) lines.push(`  原因：${r.reason}`);
  lines.push(`  金额：${r.amount.text}`);
  for (const x of [...r.exclusions, ...r.linked, ...r.stacking]) lines.push(`  · ${x.text}`);
  lines.push(`  法律依据：${r.legalBasis.map((b) => `${b.doc}${b.article ? ` ${b.article}` : ''}${b.date ? `（${b.date}）` : ''}`).join('；')}`);
  return lines.join('\n');
}

export function renderAll(results: readonly PolicyResult[], asOf: string): string {
  const count = (k: PolicyResult['result']) => results.filter((r) => r.result === k).length;
  const head = `评估日期 ${asOf}：符合 ${count('eligible')} 项，不符合 ${count('not-eligible')} 项，尚无法判断 ${count('undetermined')} 项`;
  return [head, '', ...results.map(renderPolicy).flatMap((t) => [t, ''])].join('\n');
}
