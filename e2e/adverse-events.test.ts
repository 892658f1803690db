// Adverse events on the prescriber's patient page end to end (issue #6), in Chromium against the
// real server and the demo data: a report missing its fields is refused with the API's message
// beside each field; a serious ITP event is recorded, listed, and flagged as of interest with
// what to do and "Why?" (REMS-STATUS-FORM).
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { PHONE, useE2e } from './harness.js';

const e2e = useE2e();

async function openWhitfield(page: Page) {
  await page.getByRole('link', { name: 'Patients' }).click();
  await page.getByLabel('Search by name or ID').fill('whitfield');
  await page.getByRole('link', { name: 'Whitfield, Jonah' }).click();
  await page.getByRole('heading', { name: 'Whitfield, Jonah' }).waitFor();
}

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

describe('prescriber records an adverse event', () => {
  it('shows the API field errors, then records a serious ITP event and lists it as of interest', async () => {
    const page = await e2e.signedIn('prescriber@vigil.demo', /\/worklist$/);
    await openWhitfield(page);
    const form = page.getByRole('form', { name: 'Record an adverse event' });
    await form.waitFor();
    await form.getByRole('button', { name: 'Record the adverse event' }).click();
    // Nothing entered: the API's 4xx names the fields; each message sits beside its field.
    await form.locator('[data-invalid]').first().waitFor();
    expect(await form.locator('[data-invalid]').count()).toBeGreaterThanOrEqual(3);
    expect(await form.getByText('Choose the event.').count()).toBe(1);
    expect(await form.getByText(/Say whether the event is serious/).count()).toBe(1);
    await e2e.screenshot(page, 'adverse-event-missing-fields');

    await form.getByRole('button', { name: /Event/ }).click();
    await page.getByRole('option', { name: 'Immune thrombocytopenia (ITP)' }).click();
    await form.getByLabel('Onset date').fill(today());
    await form.getByText('Serious', { exact: true }).click();
    await form.getByRole('button', { name: /Outcome/ }).click();
    await page.getByRole('option', { name: 'Recovering' }).click();
    await form.getByRole('button', { name: 'Record the adverse event' }).click();

    await page.getByText('Recorded: Immune thrombocytopenia (ITP)').waitFor();
    expect(await page.getByText(/serious adverse event of interest/).count()).toBe(1);
    const table = page.getByRole('region', { name: 'Adverse events, newest first' });
    await table.getByRole('cell', { name: 'Immune thrombocytopenia (ITP)' }).first().waitFor();
    expect(await table.getByText('of interest').count()).toBeGreaterThanOrEqual(1);
    await page.getByRole('button', { name: 'Why?' }).last().click();
    await page.getByText('REMS-STATUS-FORM', { exact: true }).first().waitFor();
    await e2e.screenshot(page, 'adverse-event-recorded');
    // The same page at phone size: the table scrolls sideways, the form stacks.
    await page.setViewportSize(PHONE);
    await table.scrollIntoViewIfNeeded();
    await e2e.screenshot(page, 'adverse-event-phone');
    await page.context().close();
  });
});
