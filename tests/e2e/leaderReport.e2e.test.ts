/**
 * The leader's printed quarterly report: page one is a summary a leader can read alone — the key
 * indicators with their charts, target and rating, the number of cases where a figure rests on few,
 * and the tasks behind schedule —; the details follow; the units' report texts only on request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoPlanReports } from '../../server/src/seed/demoPlan.js';
import { openBrowser, type BrowserEnv } from './browser.js';

let b: BrowserEnv;
beforeAll(async () => {
  b = await openBrowser({ width: 1280, height: 900 });
  await seedDemoPlanReports(b.env.owner, { seed: 42, today: new Date().toISOString().slice(0, 10) });
});
afterAll(async () => {
  await b?.close();
});

/** A4 at 96 dpi less the 16 mm top and bottom margins of @page. */
const PRINTABLE_HEIGHT_PX = ((297 - 32) / 25.4) * 96;

describe('打印报告 for a leader', () => {
  it('opens with a one-page summary of key indicators with charts, sample sizes and the tasks behind', async () => {
    const { page } = b;
    await page.goto(`${b.base}/login`);
    await page.getByLabel('用户名').fill('leader');
    await page.getByLabel('密码').fill('nuanyang-demo');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));

    await page.goto(`${b.base}/supervision/print`);
    const summary = page.getByTestId('print-summary');
    await expect.poll(() => summary.isVisible(), { timeout: 30_000 }).toBe(true);
    const kpis = summary.locator('.sp-kpi');
    const dash = await page.evaluate(
      async () =>
        (await (await fetch('/api/dashboard')).json()) as {
          indicators: { code: string; smallSample: boolean; sample: number | null; error: string | null; rag: string }[];
          tasks: { items: { status: string }[] };
        },
    );
    // At most twelve on page one, those needing attention first: every failed or red figure is
    // among them (up to twelve), and the rest are announced with their number.
    const shown = Math.min(12, dash.indicators.length);
    expect(await kpis.count()).toBe(shown);
    const urgent = dash.indicators.filter((x) => x.error || (!x.smallSample && x.rag === 'red'));
    for (const i of urgent.slice(0, 12)) expect(await page.getByTestId(`print-kpi-${i.code}`).count()).toBe(1);
    if (dash.indicators.length > 12) {
      expect(await page.getByTestId('print-more-kpis').innerText()).toContain(`另有 ${dash.indicators.length - 12} 项指标`);
    }
    // Charts drawn (a canvas per indicator with a trend or a distribution).
    await expect.poll(() => summary.locator('canvas').count(), { timeout: 15_000 }).toBeGreaterThan(0);

    // Every figure on few cases says so with its size, and is not rated.
    for (const i of dash.indicators.filter((x) => x.smallSample)) {
      if (!(await page.getByTestId(`print-kpi-${i.code}`).count())) continue; // not on page one
      const text = await page.getByTestId(`print-kpi-${i.code}`).innerText();
      expect(text).toContain(`仅 ${i.sample} 例`);
      expect(text).not.toMatch(/·\s*达标/);
    }
    // The tasks behind schedule are listed on page one.
    const behind = dash.tasks.items.filter((t) => ['late', 'not-started', 'unreported'].includes(t.status)).length;
    expect(await summary.innerText()).toContain(`（${behind} 项）`);

    // Printed, the summary fits on the first sheet, and the details start on the next.
    await page.emulateMedia({ media: 'print' });
    const height = await summary.evaluate(
      (el) => el.getBoundingClientRect().height + (el.parentElement?.querySelector('.sp-head')?.getBoundingClientRect().height ?? 0),
    );
    expect(height).toBeLessThan(PRINTABLE_HEIGHT_PX);
    await page.emulateMedia({ media: 'screen' });

    // Report texts are a one-line table unless asked for.
    await expect.poll(() => page.getByTestId('print-reports-compact').isVisible()).toBe(true);
    await page.getByRole('checkbox', { name: '附各单位报告全文' }).click();
    await expect.poll(() => page.getByTestId('print-reports-compact').count()).toBe(0);
    await page.getByRole('checkbox', { name: '附各单位报告全文' }).click();

    await page.waitForTimeout(500);
    await b.shot('leader-report-screen');
    await page.emulateMedia({ media: null });
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBeGreaterThan(1);
    expect(pages).toBeLessThan(10);
    const fs = await import('node:fs');
    fs.writeFileSync(`${(await import('./browser.js')).SHOTS}/leader-report.pdf`, pdf);
  }, 180_000);
});
