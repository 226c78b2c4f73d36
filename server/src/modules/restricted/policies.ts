/**
 * The pure decisions of the restricted list: each row of a loaded file is either kept (a valid
 * identity number, a masked name, the restriction as text) or refused with a Chinese reason; a
 * number already in the file is a duplicate. The identity number itself is returned only to be
 * blind-indexed by the caller and is never stored.
 */
import { maskName } from '#common/mask.js';
import { normaliseIdNumber, validateIdNumber } from '#common/idNumber.js';
import { isPlainName } from '#common/text.js';
import type { ListRow } from './readList.js';

export type RowDecision =
  | { row: number; outcome: 'loaded'; idNumber: string; nameMasked: string | null; restriction: string | null }
  | { row: number; outcome: 'duplicate' | 'invalid'; nameMasked: string | null; message: string };

/** Text a spreadsheet would run as a formula: never stored as a restriction. */
const FORMULA = /^[=+\-@]/;

export function decideRows(rows: readonly ListRow[], today: string): RowDecision[] {
  const seen = new Set<string>();
  return rows.map((r): RowDecision => {
    const nameOk = r.name !== null && isPlainName(r.name) && r.name.length <= 40 && !FORMULA.test(r.name);
    const nameMasked = nameOk ? maskName(r.name) : null;
    if (r.idWasNumber)
      return { row: r.row, outcome: 'invalid', nameMasked, message: '身份证号被 Excel 存成了数字（末几位会丢失），请把该列设为文本格式后重新填写' };
    if (!r.idNumber) return { row: r.row, outcome: 'invalid', nameMasked, message: '缺少身份证号' };
    const id = normaliseIdNumber(r.idNumber);
    const v = validateIdNumber(id, today);
    if (!v.ok) return { row: r.row, outcome: 'invalid', nameMasked, message: `身份证号无效：${v.message}` };
    if (!nameOk) return { row: r.row, outcome: 'invalid', nameMasked: null, message: '姓名缺失或含有不允许的字符' };
    const restriction = r.restriction === null ? null : r.restriction.slice(0, 200);
    if (restriction !== null && (!isPlainName(restriction) || FORMULA.test(restriction)))
      return { row: r.row, outcome: 'invalid', nameMasked, message: '限制情形含有控制字符或以 = + - @ 开头，请修改' };
    if (seen.has(id)) return { row: r.row, outcome: 'duplicate', nameMasked, message: '与文件中前面的行身份证号重复，已跳过' };
    seen.add(id);
    return { row: r.row, outcome: 'loaded', idNumber: id, nameMasked, restriction };
  });
}
