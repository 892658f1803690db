// The frame around every screen on a phone (issue #6): with five navigation items the header
// wrapped to three rows at 390 px. Now the navigation is one sideways-scrolling row: the header is
// two rows at most, the current screen's item is scrolled into view, and every item is reachable
// by pointer and by keyboard. At 1280 px the header stays one row.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, signIn, useE2e } from './harness.js';

const e2e = useE2e();

const PATIENT_NAV = ['My schedule', 'Questionnaire', 'Report a symptom', 'My results', 'My education'];

async function box(page: Page, selector: string) {
  const b = await page.locator(selector).first().boundingBox();
  if (!b) {
    throw new Error(`${selector} is not visible`);
  }
  return b;
}

/** Whether the link is wholly inside the navigation's visible area (not scrolled out). */
async function fullyShown(page: Page, name: string): Promise<boolean> {
  const nav = await box(page, 'nav[aria-label="Main"]');
  const link = await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).boundingBox();
  return (
    link !== null &&
    link.x >= nav.x - 0.5 &&
    link.x + link.width <= nav.x + nav.width + 0.5 &&
    link.y >= nav.y - 0.5 &&
    link.y + link.height <= nav.y + nav.height + 0.5
  );
}

describe('shell on a phone', () => {
  it('patient: header of two rows at most, nav items on one row, each reachable and shown when current', async () => {
    const page = await e2e.signedIn('patient@vigil.demo', /\/my-schedule$/, PHONE);
    const nav = page.getByRole('navigation', { name: 'Main' });
    const links = nav.getByRole('link');
    expect(await links.allTextContents()).toEqual(PATIENT_NAV);

    // Two rows: brand and sign-out (~40 px), then the navigation (~50 px). Three rows were ~140 px.
    const header = await box(page, 'header');
    expect(header.height).toBeLessThanOrEqual(110);
    const tops = await Promise.all(
      PATIENT_NAV.map(async (name) => (await nav.getByRole('link', { name }).boundingBox())?.y),
    );
    expect(new Set(tops).size).toBe(1);
    // The page itself never scrolls sideways because of the header.
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
      PHONE.width,
    );
    await e2e.screenshot(page, 'shell-phone-patient-schedule');

    // Every item by pointer (scrolled to first, as a finger would); the opened screen's item is
    // in view when the screen has opened, also after a full reload on the last item.
    for (const name of [...PATIENT_NAV].reverse()) {
      await nav.getByRole('link', { name }).click();
      await expect.poll(() => nav.getByRole('link', { name }).getAttribute('aria-current')).toBe('page');
      expect(await fullyShown(page, name), name).toBe(true);
    }
    await nav.getByRole('link', { name: 'My education' }).click();
    await page.waitForURL(/education/);
    await page.reload();
    await nav.getByRole('link', { name: 'My education' }).waitFor();
    await expect.poll(() => fullyShown(page, 'My education')).toBe(true);
    expect(await fullyShown(page, 'My schedule')).toBe(false);
    await e2e.screenshot(page, 'shell-phone-patient-education');

    // By keyboard: Tab walks the items in order, each focused item scrolled into view.
    // From the skip link, as a keyboard user arrives (the brand is not focusable).
    await page.getByRole('link', { name: 'Skip to main content' }).focus();
    await page.keyboard.press('Tab');
    for (const name of PATIENT_NAV) {
      expect(await page.evaluate<string | undefined>('document.activeElement?.textContent')).toBe(name);
      await expect.poll(() => fullyShown(page, name), { message: name }).toBe(true);
      await page.keyboard.press('Tab');
    }
    expect(await page.evaluate<string | undefined>('document.activeElement?.textContent')).toBe('Sign out');
    await page.context().close();
  });

  it('admin (five items) on a phone: two rows at most', async () => {
    const page = await e2e.newPage(PHONE);
    await signIn(page, 'admin@vigil.demo');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link').first().waitFor();
    expect(await nav.getByRole('link').count()).toBeGreaterThanOrEqual(5);
    expect((await box(page, 'header')).height).toBeLessThanOrEqual(110);
    await e2e.screenshot(page, 'shell-phone-admin');
    await page.context().close();
  });

  it('patient at 1280 px: the header is one row with every item shown', async () => {
    const page = await e2e.signedIn('patient@vigil.demo', /\/my-schedule$/, DESKTOP);
    expect((await box(page, 'header')).height).toBeLessThanOrEqual(70);
    for (const name of PATIENT_NAV) {
      expect(await fullyShown(page, name), name).toBe(true);
    }
    await e2e.screenshot(page, 'shell-desktop-patient');
    await page.context().close();
  });
});
