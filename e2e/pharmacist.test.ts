// The pharmacist's dispense check end to end (issue #6), in Chromium against the real server and
// the demo data: the demo authorization DEMO-0002 has 3 vials left (src/cli/seed-demo.ts), so 5
// vials are DENIED (quantity-exceeded, in words), 1 vial is APPROVED and then recorded with its lot.
import { describe, expect, it } from 'vitest';
import { PHONE, useE2e } from './harness.js';

const e2e = useE2e();

describe('pharmacist', () => {
  it('gets a denial with its reason, then an approval, and records the dispense', async () => {
    const page = await e2e.signedIn('pharmacist@vigil.demo', /\/dispensing$/);
    await page.getByLabel('Authorization number').fill('DEMO-0002');
    await page.getByLabel('Vials requested').fill('5');
    await page.getByRole('button', { name: 'Check order' }).click();

    const decision = page.getByRole('status', { name: 'Dispense decision' });
    await decision.getByRole('heading', { name: 'DENIED' }).waitFor();
    expect(await decision.textContent()).toContain('More vials than the authorization has left');
    expect(await decision.textContent()).toContain('quantity-exceeded');
    expect(await page.getByRole('button', { name: 'Record dispense' }).count()).toBe(0);
    await e2e.screenshot(page, 'pharmacist-denied');

    await page.getByLabel('Vials requested').fill('1');
    await page.getByRole('button', { name: 'Check order' }).click();
    await decision.getByRole('heading', { name: 'APPROVED' }).waitFor();
    expect(await decision.textContent()).toContain('2 vial(s) left');
    await e2e.screenshot(page, 'pharmacist-approved');

    await page.getByLabel('Lot number').fill('LOT-E2E-42');
    await page.getByRole('button', { name: 'Record dispense' }).click();
    await decision.getByText('Dispense recorded').waitFor();
    const table = page.getByRole('table', { name: /Dispenses of this pharmacy/ });
    const row = table.getByRole('row').filter({ hasText: 'LOT-E2E-42' });
    await row.waitFor();
    expect(await row.textContent()).toContain('DEMO-0002');
    await e2e.screenshot(page, 'pharmacist-recorded');
    await page.context().close();
  });

  it('is told plainly on a phone that an unknown number is denied', async () => {
    const page = await e2e.signedIn('pharmacist@vigil.demo', /\/dispensing$/, PHONE);
    await page.getByLabel('Authorization number').fill('DEMO-9999');
    await page.getByLabel('Vials requested').fill('1');
    await page.getByRole('button', { name: 'Check order' }).click();
    const decision = page.getByRole('status', { name: 'Dispense decision' });
    await decision.getByRole('heading', { name: 'DENIED' }).waitFor();
    expect(await decision.textContent()).toContain('No authorization with this number');
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await e2e.screenshot(page, 'pharmacist-denied-phone');
    await page.context().close();
  });
});
