// The prescriber's REMS workflows end to end (issue #6), in Chromium against the real server and
// the demo data: the Patient Enrollment Form (the API names every missing item) and a course
// authorization refused with every unmet requirement listed, each with "Why?".
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { PHONE, useE2e } from './harness.js';

const e2e = useE2e();

async function openPatient(page: Page, search: string, name: string) {
  await page.getByRole('link', { name: 'Patients' }).click();
  await page.getByLabel('Search by name or ID').fill(search);
  await page.getByRole('link', { name }).click();
  await page.getByRole('heading', { name }).waitFor();
}

describe('prescriber REMS workflows', () => {
  it('enrolls a patient: an incomplete form is refused naming each missing item, the complete one accepted', async () => {
    const page = await e2e.signedIn('prescriber@vigil.demo', /\/worklist$/);
    await openPatient(page, 'ortega', 'Ortega, Samuel');
    const form = page.getByRole('form', { name: 'Patient Enrollment Form' });
    await form.waitFor();
    await form.getByText('Patient signed the Patient Enrollment Form', { exact: true }).click();
    await form.getByText('I sign the Patient Enrollment Form as prescriber', { exact: true }).click();
    await form.getByRole('button', { name: 'Sign and submit enrollment' }).click();
    await form.getByRole('alert').first().waitFor();
    // The API's 422 names the four unrecorded items; each shows beside its checkbox.
    const errors = await form.getByRole('alert').allTextContents();
    expect(errors.join(' ')).toContain('4 items are not recorded');
    expect(errors.join(' ')).toContain('Give the patient the Patient Guide. (REMS-PATIENT, BASE-8)');
    expect(await form.locator('[data-invalid]').count()).toBeGreaterThanOrEqual(4);
    await e2e.screenshot(page, 'prescriber-enrollment-incomplete');

    for (const label of [
      'Patient counselled on the risks and the monitoring',
      'Patient Guide given',
      'Patient Safety Information Card (wallet card) given',
      'Patient agrees to monitoring until 48 months after the last infusion',
    ]) {
      await form.getByText(label, { exact: true }).click();
    }
    await form.getByRole('button', { name: 'Sign and submit enrollment' }).click();
    await page.getByText('Patient Enrollment Form complete').waitFor();
    await e2e.screenshot(page, 'prescriber-enrollment-complete');
    await page.context().close();
  });

  it('requests a course authorization that is refused, with every unmet requirement and its rule shown', async () => {
    const page = await e2e.signedIn('prescriber@vigil.demo', /\/worklist$/);
    await openPatient(page, 'ortega', 'Ortega, Samuel');
    const form = page.getByRole('form', { name: 'Request a course authorization' });
    await form.waitFor();
    await form.getByRole('button', { name: /Infusion setting/ }).click();
    await page.getByRole('option', { name: 'Lakeside Infusion Center' }).click();
    const start = form.getByLabel('Planned first infusion');
    if ((await start.inputValue()) === '') {
      await start.fill(new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10));
    }
    await form.getByRole('button', { name: 'Request authorization' }).click();
    const refused = page.getByRole('region', { name: 'Authorization refused' });
    await refused.waitFor();
    const items = refused.getByRole('listitem');
    expect(await items.count()).toBeGreaterThan(0);
    const first = items.first();
    expect(await first.locator('code').count()).toBeGreaterThan(0);
    expect(await first.textContent()).toContain('What to do:');
    await first.getByRole('button', { name: 'Why?' }).click();
    const why = first.locator('dl');
    await why.waitFor();
    expect(await why.textContent()).toContain('Source:');
    await e2e.screenshot(page, 'prescriber-authorization-refused');
    await page.context().close();
  });

  it('sees the status forms due and the courses coming up on the worklist', async () => {
    const page = await e2e.signedIn('prescriber@vigil.demo', /\/worklist$/);
    const forms = page.getByRole('table', { name: /Status forms due \(\d+\)/ });
    await forms.waitFor();
    expect(await forms.getByRole('row').filter({ hasText: 'REMS-STATUS-FORM' }).count()).toBeGreaterThan(0);
    const courses = page.getByRole('table', { name: /Courses coming up/ });
    await courses.getByRole('link', { name: 'Vos, Henrik' }).waitFor();
    await e2e.screenshot(page, 'prescriber-worklist-forms-courses');
    await page.context().close();
  });

  it('files a Patient Status Form prefilled from the record', async () => {
    const page = await e2e.signedIn('prescriber@vigil.demo', /\/worklist$/);
    await openPatient(page, 'whit', 'Whitfield, Jonah');
    const forms = page.getByRole('table', { name: /Status forms \(\d+ to file\)/ });
    await forms.waitFor();
    const before = Number(
      /\((\d+) to file\)/.exec((await forms.locator('caption').textContent()) ?? '')?.[1] ?? '0',
    );
    expect(before).toBeGreaterThan(0);
    await forms
      .getByRole('button', { name: /File the status form due/ })
      .first()
      .click();
    const dialog = page.getByRole('dialog', { name: /Patient Status Form due/ });
    await dialog.getByRole('button', { name: 'Sign and file' }).waitFor();
    await e2e.screenshot(page, 'prescriber-status-form');
    // Questions the record cannot answer are the prescriber's: pick the first option of each.
    const unanswered = dialog.getByRole('button', { name: /Choose…/ });
    while ((await unanswered.count()) > 0) {
      await unanswered.first().click();
      await page.getByRole('option').first().click();
    }
    await dialog.getByRole('button', { name: 'Sign and file' }).click();
    await dialog.waitFor({ state: 'detached' });
    // Filed: fewer forms to file (a filing may also settle earlier ones, src/rems/status-form.ts).
    await page
      .getByRole('table', { name: `Status forms (${before} to file)` })
      .waitFor({ state: 'detached' });
    await forms.waitFor();
    const after = Number(
      /\((\d+) to file\)/.exec((await forms.locator('caption').textContent()) ?? '')?.[1] ?? '-1',
    );
    expect(after).toBeGreaterThanOrEqual(0);
    expect(after).toBeLessThan(before);
    await e2e.screenshot(page, 'prescriber-status-form-filed');
    await page.context().close();
  });

  it('shows the refusal checklist on a phone', async () => {
    const page = await e2e.signedIn('prescriber@vigil.demo', /\/worklist$/, PHONE);
    await openPatient(page, 'ortega', 'Ortega, Samuel');
    const form = page.getByRole('form', { name: 'Request a course authorization' });
    await form.getByRole('button', { name: /Infusion setting/ }).click();
    await page.getByRole('option', { name: 'Lakeside Infusion Center' }).click();
    const start = form.getByLabel('Planned first infusion');
    if ((await start.inputValue()) === '') {
      await start.fill(new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10));
    }
    await form.getByRole('button', { name: 'Request authorization' }).click();
    await page.getByRole('region', { name: 'Authorization refused' }).waitFor();
    await e2e.screenshot(page, 'prescriber-authorization-phone');
    await page.context().close();
  });
});
