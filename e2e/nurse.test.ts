// The nurse's infusion day end to end (issue #6), in Chromium against the real server and the demo
// data: the demo infusion scheduled today (src/cli/seed-demo.ts scheduleTodaysInfusion) starts
// blocked on unknown pre-infusion facts, the nurse records them, the gate clears, the infusion
// starts, is recorded with the INF-5 stroke warning acknowledged, and the INF-4 timer counts down.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { PHONE, useE2e } from './harness.js';

const e2e = useE2e();

/** HH:MM in the browser's (this machine's) time zone, `minutes` from now. */
function clockIn(minutes: number): string {
  const d = new Date(Date.now() + minutes * 60_000);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

const requirement = (page: Page, label: string, status: string) =>
  page.getByRole('listitem', { name: `${label}: ${status}` });

describe('nurse', () => {
  it('runs the gate, records the missing facts, starts and records the infusion, and sees the observation timer', async () => {
    const page = await e2e.signedIn('nurse@vigil.demo', /\/infusion-day$/);
    await page.getByRole('heading', { name: 'Vos, Henrik' }).waitFor();

    // INF-2: facts nobody recorded are unknown, never met; the program's records are met.
    await requirement(page, 'Vital signs before the infusion', 'unknown').waitFor();
    await requirement(page, 'Herpes antiviral prophylaxis', 'unknown').waitFor();
    await requirement(page, 'Patient authorized for this course', 'met').waitFor();
    const start = page.getByRole('button', { name: 'Start infusion' });
    expect(await start.isDisabled()).toBe(true);
    expect(await page.getByText('Start is blocked until these are met:').count()).toBe(1);

    await page.getByRole('button', { name: 'Why? Vital signs before the infusion (INF-3)' }).click();
    const why = page.locator('dl').filter({ hasText: 'INF-3' }).first();
    await why.waitFor();
    expect(await why.textContent()).toMatch(/Vital signs before and periodically during the infusion/);
    expect(await why.textContent()).toContain('Source');
    await e2e.screenshot(page, 'nurse-gate-blocked');

    await page.getByLabel('Systolic (mmHg)').fill('124');
    await page.getByLabel('Diastolic (mmHg)').fill('78');
    await page.getByLabel('Heart rate (bpm)').fill('72');
    await page.getByLabel('Temperature (°C)').fill('36.8');
    await page.getByRole('radio', { name: 'No active infection' }).check();
    await page.getByRole('checkbox', { name: 'Herpes antiviral prophylaxis started (PRE-3)' }).check();
    await page.getByRole('button', { name: 'Save pre-infusion facts' }).click();

    await requirement(page, 'Vital signs before the infusion', 'met').waitFor();
    await requirement(page, 'Herpes antiviral prophylaxis', 'met').waitFor();
    await requirement(page, 'No active infection', 'met').waitFor();
    expect(await page.getByText('Start is blocked until these are met:').count()).toBe(0);
    expect(await start.isDisabled()).toBe(false);
    await e2e.screenshot(page, 'nurse-gate-clear');

    await start.click();
    const record = page.getByRole('form', { name: 'Infusion record' });
    await record.waitFor();
    // INF-5: the stroke warning is the program's text, shown before the acknowledgement.
    const warning = page.getByRole('region', { name: 'Stroke warning for the patient' });
    expect(await warning.textContent()).toMatch(/stroke/i);
    expect(await warning.textContent()).toMatch(/emergency services/i);

    // Without the acknowledgement the API refuses the record and says why (INF-5).
    await page.getByLabel('Infusion end time (HH:MM)').fill(clockIn(2));
    await page.getByLabel('Vital signs taken at (HH:MM) #1').fill(clockIn(1));
    await page.getByLabel('Lot number (ADM-3)').fill('LOT-E2E-7');
    await page.getByRole('button', { name: 'Complete infusion record' }).click();
    await page.getByText('The record was not saved').waitFor();
    expect(await page.getByRole('alert').first().textContent()).toContain('INF-5');

    await page
      .getByRole('checkbox', { name: 'The patient was given the stroke warning and acknowledged it (INF-5)' })
      .check();
    await e2e.screenshot(page, 'nurse-infusion-record');
    await page.getByRole('button', { name: 'Complete infusion record' }).click();

    const timer = page.getByRole('timer', { name: 'Observation time remaining' });
    await timer.waitFor();
    // The observation ends 2 h after the recorded end (2 min from now): about 2:01 left.
    expect(await timer.textContent()).toMatch(/2:0[0-2]:\d\d/);
    expect(await page.getByRole('button', { name: 'Discharge', exact: true }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Discharge early…' }).waitFor();
    await e2e.screenshot(page, 'nurse-observation');
    await page.context().close();
  });

  it('reads today’s infusions on a phone', async () => {
    const page = await e2e.signedIn('nurse@vigil.demo', /\/infusion-day$/, PHONE);
    await page.getByRole('heading', { name: 'Vos, Henrik' }).waitFor();
    // Whatever step the first test left it at: the checklist, or the observation timer.
    await page.locator('[role=timer], [aria-label="Pre-infusion checklist"]').first().waitFor();
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await e2e.screenshot(page, 'nurse-infusion-day-phone');
    await page.context().close();
  });
});
