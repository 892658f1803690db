// The patient's screens end to end (issue #6), in Chromium against the real server and the demo
// data: the emergency instruction the moment a stroke sign is ticked (before anything is sent),
// the questionnaire's blood-count instruction from the API, the prescriber's worklist showing the
// alert that questionnaire raised, and the printable wallet card.
import { describe, expect, it } from 'vitest';
import { PHONE, signIn, useE2e } from './harness.js';

const e2e = useE2e();

describe('patient', () => {
  it('ticks a stroke sign and sees the emergency instruction at once, before sending; the API repeats it', async () => {
    const page = await e2e.newPage();
    const reportsSent: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/symptom-reports')) {
        reportsSent.push(r.url());
      }
    });
    await signIn(page, 'patient@vigil.demo');
    await page.waitForURL(/\/my-schedule$/);
    await page.getByRole('link', { name: 'Report a symptom' }).first().click();
    await page.waitForURL(/\/report-symptom$/);
    const emergency = page.getByRole('alert').filter({ hasText: 'Call emergency services now' });
    await page.getByRole('checkbox', { name: 'Sudden numbness' }).waitFor({ state: 'attached' });
    expect(await emergency.count()).toBe(0);

    await page.getByText('Sudden numbness', { exact: true }).click();
    await emergency.waitFor();
    expect(reportsSent).toEqual([]);
    const text = (await emergency.textContent()) ?? '';
    expect(text).toContain('Sudden numbness');
    expect(text).toMatch(/911/);
    // By keyboard too: a second sign ticked with the space bar joins the list at once.
    await page.getByRole('checkbox', { name: 'Neck pain' }).focus();
    await page.keyboard.press('Space');
    await emergency.getByText('Neck pain').waitFor();
    expect(reportsSent).toEqual([]);
    await e2e.screenshot(page, 'patient-stroke-sign-emergency');

    // "Why?" names the rule with its text and source (the API's, not the screen's).
    await page.getByRole('button', { name: 'Why?' }).first().click();
    await page.getByText('ALR-STR', { exact: true }).waitFor();
    await page
      .getByText(/FDA Drug Safety Communication/)
      .first()
      .waitFor();

    await page.getByRole('button', { name: 'Send to my care team' }).click();
    await page.getByRole('heading', { name: 'Your report was sent' }).waitFor();
    expect(reportsSent).toHaveLength(1);
    expect(await emergency.textContent()).toContain('Sudden numbness');
    expect(await page.getByText(/ALR-STR, (critical|urgent)/).count()).toBe(1);
    await page.context().close();
  });

  it('submits a questionnaire with a bleeding sign and sees the blood-count instruction; the prescriber sees the alert', async () => {
    const page = await e2e.signedIn('patient@vigil.demo', /\/my-schedule$/, PHONE);
    await page.goto('/my-questionnaire');
    const groups = page.getByRole('radiogroup');
    await groups.first().waitFor();
    const n = await groups.count();
    expect(n).toBeGreaterThanOrEqual(5);

    // Sending with no answers names what is missing and sends nothing.
    await page.getByRole('button', { name: 'Send my answers' }).click();
    await page.getByText('Some questions have no answer').waitFor();
    expect(await page.getByText('Please answer this question.').count()).toBe(n);
    await e2e.screenshot(page, 'patient-questionnaire-unanswered-phone');

    for (let i = 0; i < n; i++) {
      const group = groups.nth(i);
      const label =
        i === 0
          ? 'Yes'
          : (await group.getByText('Does not apply to me').count()) > 0
            ? 'Does not apply to me'
            : 'No';
      await group.getByText(label, { exact: true }).click();
    }
    await page.getByRole('button', { name: 'Send my answers' }).click();
    const instruction = page.getByRole('alert').filter({ hasText: 'What to do now' });
    await instruction.waitFor();
    expect(await instruction.textContent()).toMatch(/blood count.*within 24 hours/i);
    await page.getByText(/ALR-ITPQ, urgent/).waitFor();
    await e2e.screenshot(page, 'patient-questionnaire-bleeding-phone');
    await page.context().close();

    const prescriber = await e2e.signedIn('prescriber@vigil.demo', /\/worklist$/);
    const row = prescriber
      .getByRole('table', { name: /Open alerts/ })
      .getByRole('row')
      .filter({ hasText: 'ALR-ITPQ' })
      .filter({ hasText: 'Lindqvist' });
    await row.first().waitFor();
    await e2e.screenshot(prescriber, 'prescriber-worklist-itpq');
    await prescriber.context().close();
  });

  it('reads the education, opens the wallet card and prints it, at 1280 px and on a phone', async () => {
    const page = await e2e.signedIn('patient@vigil.demo', /\/my-schedule$/);
    await page.getByRole('link', { name: 'My education' }).click();
    await page.getByRole('heading', { name: 'Patient Guide' }).waitFor();
    await page.getByRole('heading', { name: 'Questions patients ask' }).waitFor();
    await page.getByText('How is it given, and how much?').click();
    await page.getByText(/drip into a vein/).waitFor();
    await e2e.screenshot(page, 'patient-education');

    await page.getByRole('link', { name: 'Open the wallet card to print it' }).click();
    await page.waitForURL(/\/wallet-card$/);
    const card = page.getByRole('region', { name: 'Patient Safety Information Card' });
    await card.waitFor();
    expect(await card.textContent()).toMatch(/Call emergency services at once/);
    // The browser's print dialog cannot run headless: count the calls instead.
    await page.evaluate('window.printed = 0; window.print = () => { window.printed += 1; };');
    await page.getByRole('button', { name: 'Print the card' }).click();
    expect(await page.evaluate('window.printed')).toBe(1);
    await e2e.screenshot(page, 'patient-wallet-card');

    // On paper: only the card, black on white, each panel the size of a payment card.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('button', { name: 'Print the card' }).isVisible()).toBe(false);
    const panel = page.getByRole('region', { name: /^I am treated with/ });
    const box = await panel.boundingBox();
    expect(box?.width).toBeGreaterThan(320);
    expect(box?.width).toBeLessThan(330); // 85.6 mm at 96 px per inch
    await e2e.screenshot(page, 'patient-wallet-card-print');
    await page.context().close();

    const phone = await e2e.signedIn('patient@vigil.demo', /\/my-schedule$/, PHONE);
    await phone.goto('/wallet-card');
    await phone.getByRole('region', { name: 'Patient Safety Information Card' }).waitFor();
    const width = await phone.evaluate('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(PHONE.width); // no sideways scrolling
    await e2e.screenshot(phone, 'patient-wallet-card-phone');
    await phone.context().close();
  });

  it('sees the schedule in plain words with the calendar link, and their own results', async () => {
    const page = await e2e.signedIn('patient@vigil.demo', /\/my-schedule$/, PHONE);
    await page.getByRole('heading', { name: 'Next blood and urine tests' }).waitFor();
    // Each item says why it is due: the monitoring rule with its text and source.
    await page.getByRole('button', { name: 'Why?' }).first().click();
    await page
      .getByText(/^MON-\d/)
      .first()
      .waitFor();
    await page
      .getByText(/^Source: /)
      .first()
      .waitFor();
    await page.getByRole('button', { name: 'Make my calendar link' }).click();
    const link = page.getByLabel('Calendar link', { exact: true });
    await link.waitFor();
    expect(await link.textContent()).toMatch(/\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    await e2e.screenshot(page, 'patient-schedule-calendar-phone');
    await page.getByRole('button', { name: 'Stop my calendar link' }).click();
    await page.getByText('Your calendar link was stopped').waitFor();

    await page.goto('/my-results');
    await page.getByRole('heading', { name: 'My results' }).waitFor();
    // The demo patient has results: grouped by day, units in plain notation, no raw UCUM.
    await page
      .getByRole('heading', { name: /^Taken / })
      .first()
      .waitFor();
    expect(await page.getByText('10*9/L').count()).toBe(0);
    expect(await page.getByText(/×10⁹\/L/).count()).toBeGreaterThan(0);
    await e2e.screenshot(page, 'patient-results-phone');
    await page.context().close();
  });
});
