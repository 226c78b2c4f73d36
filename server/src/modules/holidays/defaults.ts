/**
 * The holiday calendar's start-up defaults: example winter and summer dates for last year, this
 * year and the next two, flagged placeholder with the note 示例日期，请以区教育局校历为准 — never
 * presented as the education bureau's calendar. Years already in the calendar stay as they are.
 */
import type pg from 'pg';
import { exampleHolidays, PLACEHOLDER_NOTE } from '#common/holidays.js';
import { shanghaiDate } from '#common/dates.js';
import * as repo from './repo.js';

export async function applyDefaultHolidays(client: pg.ClientBase, now = Date.now()): Promise<number> {
  const year = Number(shanghaiDate(now).slice(0, 4));
  let added = 0;
  for (let y = year - 1; y <= year + 2; y++) {
    for (const h of exampleHolidays(y)) if (await repo.insertExampleHoliday(client, { ...h, note: PLACEHOLDER_NOTE })) added++;
  }
  return added;
}
