// The web app end to end (issue #6), in Chromium against the real server and the demo data.
import { describe, expect, it } from 'vitest';
import { PHONE, useE2e } from './harness.js';

const e2e = useE2e();

describe('prescriber', () => {
  it('sees the ITP alert on the worklist, opens the patient, the platelet chart and the rule, and acknowledges it', async () => {
    const page = await e2e.signedIn('prescriber@vigil.demo', /\/worklist$/);
    const openAlerts = page.getByRole('table', { name: /Open alerts/ });
    const row = openAlerts.getByRole('row').filter({ hasText: 'ALR-PLT' }).first();
    await row.waitFor();
    expect(await row.textContent()).toContain('Whitfield');
    await e2e.screenshot(page, 'prescriber-worklist');

    await row.getByRole('link').click();
    await page.waitForURL(/\/patient\/pt_/);
    await page.getByRole('heading', { name: 'Whitfield, Jonah' }).waitFor();
    const chart = page.getByRole('figure', { name: /Platelets/ });
    await chart.locator('.recharts-line path').first().waitFor();
    // The program's platelet thresholds are drawn (ALR-PLT bands from GET /programs/:version).
    expect(await chart.locator('.recharts-reference-line').count()).toBeGreaterThan(0);

    const alert = page
      .getByRole('article')
      .filter({ hasText: /platelet/i })
      .first();
    await alert.getByRole('button', { name: 'Why?' }).click();
    const why = alert.locator('dl');
    await why.waitFor();
    expect(await why.textContent()).toContain('ALR-PLT');
    await e2e.screenshot(page, 'prescriber-patient');

    await alert.getByRole('button', { name: 'Acknowledge' }).click();
    await alert.getByText('acknowledged', { exact: true }).waitFor();
    expect(await alert.getByRole('button', { name: 'Acknowledge' }).count()).toBe(0);
    await e2e.screenshot(page, 'prescriber-acknowledged');
    await page.context().close();
  });

  it('reads the patient page on a phone', async () => {
    const page = await e2e.signedIn('delegate@vigil.demo', /\/worklist$/, PHONE);
    await page.getByRole('link', { name: 'Patients' }).click();
    await page.getByLabel('Search by name or ID').fill('whit');
    await page.getByRole('link', { name: 'Whitfield, Jonah' }).click();
    await page
      .getByRole('figure', { name: /Platelets/ })
      .locator('.recharts-line path')
      .first()
      .waitFor();
    // A string: the page's DOM types are not the test's (Node) types.
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await e2e.screenshot(page, 'delegate-patient-phone');
    await page.context().close();
  });
});

describe('admin', () => {
  it('verifies the audit chain', async () => {
    const page = await e2e.signedIn('admin@vigil.demo', /\/audit-log$/);
    await page.getByRole('table', { name: /Entries/ }).waitFor();
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await page.getByText(/entries verified/).waitFor();
    expect(await page.getByText('intact', { exact: true }).count()).toBe(1);
    await e2e.screenshot(page, 'admin-audit-verified');
    await page.context().close();
  });
});

describe('patient', () => {
  it('sees their own schedule and signs out', async () => {
    const page = await e2e.signedIn('patient@vigil.demo', /\/my-schedule$/, PHONE);
    await page.getByRole('heading', { name: 'Next blood and urine tests' }).waitFor();
    await e2e.screenshot(page, 'patient-schedule-phone');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in/);
    await page.context().close();
  });
});
