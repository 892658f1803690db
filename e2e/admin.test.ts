// The program administrator end to end (issue #6), in Chromium against the real server and the
// demo data: certify a pending prescriber from the queue (a react-aria dialog), read the
// compliance dashboard (chart drawn), download the adherence CSV and the PDF report from the
// server, and verify the audit chain, which now holds the certification.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pdfText } from '../src/server/pdf-test-support.js';
import { PHONE, useE2e } from './harness.js';

const e2e = useE2e();

describe('program administrator', () => {
  it('certifies the pending prescriber from the queue', async () => {
    const page = await e2e.signedIn('admin@vigil.demo', /\/audit-log$/);
    await page.getByRole('link', { name: 'Certifications' }).click();
    await page.waitForURL(/\/certification-queue$/);
    const queue = page.getByRole('table', { name: /Awaiting certification/ });
    const row = queue.getByRole('row').filter({ hasText: 'Dr. Priya Raman' });
    await row.waitFor();
    expect(await queue.getByRole('row').filter({ hasText: 'Northside Infusion Suite' }).count()).toBe(1);
    await e2e.screenshot(page, 'admin-certification-queue');

    await row.getByRole('button', { name: 'Certify Dr. Priya Raman' }).click();
    const dialog = page.getByRole('dialog', { name: 'Certify Dr. Priya Raman' });
    await dialog.getByLabel('Reason (optional)').fill('All requirements met; reviewed by the program.');
    await e2e.screenshot(page, 'admin-certify-dialog');
    await dialog.getByRole('button', { name: 'Certify', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await queue.getByRole('row').filter({ hasText: 'Northside Infusion Suite' }).waitFor();
    expect(await queue.getByRole('row').filter({ hasText: 'Dr. Priya Raman' }).count()).toBe(0);

    // Now among the certified, where suspend asks for a reason before it is sent.
    await page.getByRole('button', { name: /Status/ }).click();
    await page.getByRole('option', { name: 'Certified' }).click();
    const certified = page.getByRole('table', { name: /Certified/ });
    const now = certified.getByRole('row').filter({ hasText: 'Dr. Priya Raman' });
    await now.waitFor();
    await now.getByRole('button', { name: 'Suspend Dr. Priya Raman' }).click();
    const suspend = page.getByRole('dialog', { name: 'Suspend Dr. Priya Raman' });
    await suspend.getByRole('button', { name: 'Suspend', exact: true }).click();
    await suspend.getByText('A reason is required to suspend a certification.').waitFor();
    await e2e.screenshot(page, 'admin-suspend-needs-reason');
    await suspend.getByRole('button', { name: 'Cancel' }).click();
    await page.context().close();
  });

  it('opens the compliance dashboard, sees the chart, and downloads the adherence CSV and the PDF', async () => {
    const page = await e2e.signedIn('admin@vigil.demo', /\/audit-log$/);
    await page.getByRole('link', { name: 'Compliance' }).click();
    await page.waitForURL(/\/compliance$/);
    const chart = page.getByRole('figure', { name: /Monitoring adherence by month/ });
    // Drawn: the month axis and one legend entry per prescriber (the demo's two). The demo's
    // closed windows may all be "nothing due", which the chart leaves as gaps, not as 0%.
    await chart.locator('.recharts-legend-item').first().waitFor();
    expect(await chart.locator('.recharts-xAxis .recharts-cartesian-axis-tick').count()).toBeGreaterThan(0);
    expect(await chart.locator('.recharts-legend-item').count()).toBe(2);
    const table = page.getByRole('table', { name: 'Adherence per prescriber' });
    await table.getByRole('row').filter({ hasText: 'Dr. Maya Okafor' }).waitFor();
    await e2e.screenshot(page, 'admin-compliance');

    // Both files come from the server (GET /program/compliance.csv and .pdf) with the session cookie.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^vigil-adherence-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.split('\r\n')[0]).toBe(
      'prescriber,membership_id,patients,month,due,satisfied,adherence_percent,overdue_now,status_forms_overdue',
    );
    expect(csv).toContain('Dr. Maya Okafor');

    const [pdf] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download PDF' }).click(),
    ]);
    expect(pdf.suggestedFilename()).toMatch(/^vigil-compliance-\d{4}-\d{2}-\d{2}\.pdf$/);
    const file = readFileSync(await pdf.path());
    expect(file.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfText(file)).toContain('Dr. Maya Okafor');
    // Still on the dashboard: a download is not a navigation.
    expect(page.url()).toMatch(/\/compliance$/);
    await page.context().close();
  });

  it('reads the compliance dashboard on a phone without sideways scrolling', async () => {
    const page = await e2e.signedIn('admin@vigil.demo', /\/audit-log$/, PHONE);
    await page.goto('/compliance');
    await page
      .getByRole('figure', { name: /Monitoring adherence by month/ })
      .locator('.recharts-legend-item')
      .first()
      .waitFor();
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await e2e.screenshot(page, 'admin-compliance-phone');
    await page.context().close();
  });

  it('verifies the audit chain, which holds the certification', async () => {
    const page = await e2e.signedIn('admin@vigil.demo', /\/audit-log$/);
    const entries = page.getByRole('table', { name: /Entries/ });
    await entries.waitFor();
    expect(await entries.getByRole('row').filter({ hasText: 'certification.certify' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await page.getByText(/entries verified/).waitFor();
    expect(await page.getByText('intact', { exact: true }).count()).toBe(1);
    await e2e.screenshot(page, 'admin-audit-verified-after-certify');
    await page.context().close();
  });
});
