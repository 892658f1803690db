// GET /education and /education/:id serve the caller's program's content: a patient their own
// region's Lemtrada program (the EU Patient Card says 112), staff the US REMS's or the one named
// with ?program=.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lemtradaEu } from '../../protocol/programs/lemtrada-eu.js';
import { lemtradaUs } from '../../protocol/programs/lemtrada-us.js';
import { patients } from '../../store/schema/index.js';
import { outcomeOf, startHarness, type Harness } from '../test-harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h.close();
});

interface Doc {
  id: string;
  programVersion: string;
  sections: { heading: string; paragraphs: string[] }[];
}

const text = (doc: Doc) => doc.sections.flatMap((s) => [s.heading, ...s.paragraphs]).join('\n');

const setRegion = async (region: 'US' | 'EU') => {
  await h.database.db.update(patients).set({ region }).where(eq(patients.id, h.world.patients.own));
};

describe('REMS-PATIENT education content of the caller’s program', () => {
  it('a US patient reads the US content with 911', async () => {
    await setRegion('US');
    const res = await h.as('patient', { method: 'GET', url: '/education/wallet-card' });
    expect(res.statusCode, res.body).toBe(200);
    const card = res.json<Doc>();
    expect(card.programVersion).toBe(lemtradaUs.version);
    expect(text(card)).toContain('(911)');
  });

  it('an EU patient reads the EU content: 112, never 911, and the EU course cap', async () => {
    await setRegion('EU');
    try {
      const list = await h.as('patient', { method: 'GET', url: '/education' });
      expect(list.statusCode, list.body).toBe(200);
      const items = list.json<{ items: Doc[] }>().items;
      expect(items.map((d) => d.programVersion)).toEqual(items.map(() => lemtradaEu.version));
      const guide = items.find((d) => d.id === 'patient-guide');
      expect(guide && text(guide)).toContain('(112)');
      expect(items.map(text).join('\n')).not.toContain('911');
      const faq = items.find((d) => d.id === 'patient-faq');
      expect(faq && text(faq)).toContain('4 courses at most');
      const card = await h.as('patient', { method: 'GET', url: '/education/wallet-card' });
      expect(card.json<Doc>().programVersion).toBe(lemtradaEu.version);
      expect(text(card.json<Doc>())).toContain('(112)');
    } finally {
      await setRegion('US');
    }
  });

  it('staff read the US REMS content by default and the program they name with ?program=', async () => {
    const plain = await h.as('prescriber', { method: 'GET', url: '/education/patient-guide' });
    expect(plain.json<Doc>().programVersion).toBe(lemtradaUs.version);
    for (const actor of ['prescriber', 'nurse', 'admin'] as const) {
      const res = await h.as(actor, {
        method: 'GET',
        url: `/education/patient-guide?program=${lemtradaEu.version}`,
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<Doc>().programVersion).toBe(lemtradaEu.version);
      expect(text(res.json<Doc>())).toContain('(112)');
    }
    const list = await h.as('pharmacist', { method: 'GET', url: `/education?program=${lemtradaEu.version}` });
    expect(list.json<{ items: Doc[] }>().items.every((d) => d.programVersion === lemtradaEu.version)).toBe(
      true,
    );
  });

  it('refuses a program with no education content (Campath, unknown) with a 400 naming program', async () => {
    for (const program of ['campath-us', 'nope']) {
      const res = await h.as('prescriber', { method: 'GET', url: `/education?program=${program}` });
      expect(res.statusCode, res.body).toBe(400);
      expect(JSON.stringify(outcomeOf(res).issue)).toContain('program');
    }
  });
});
