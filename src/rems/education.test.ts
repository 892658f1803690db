import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProtocolInputError } from '../protocol/errors.js';
import type { ProgramDefinition } from '../protocol/program.js';
import { campathUs } from '../protocol/programs/campath-us.js';
import { lemtradaEu } from '../protocol/programs/lemtrada-eu.js';
import { lemtradaUs } from '../protocol/programs/lemtrada-us.js';
import type { EducationDocument } from './education.js';
import { EDUCATION_DOCUMENTS, educationCatalog, educationDocument } from './education.js';
import { REMS_RULES } from './rems-rules.js';

const text = (doc: EducationDocument) => doc.sections.flatMap((s) => [s.heading, ...s.paragraphs]).join('\n');

describe('REMS-PATIENT REMS-PRESCRIBER education content', () => {
  const catalog = educationCatalog(lemtradaUs);

  it('serves the four documents, each with headed sections of paragraphs that cite rules', () => {
    expect(catalog.map((d) => d.id)).toEqual(EDUCATION_DOCUMENTS);
    for (const doc of catalog) {
      expect(doc.programVersion).toBe('lemtrada-us-2024-03');
      expect(doc.sections.length).toBeGreaterThan(2);
      for (const s of doc.sections) {
        expect(s.heading.trim()).not.toBe('');
        expect(s.paragraphs.length).toBeGreaterThan(0);
        expect(s.paragraphs.every((p) => p.trim().length > 0)).toBe(true);
        expect(s.rules.length).toBeGreaterThan(0);
      }
    }
  });

  it('cites only rule IDs that exist (program rules or REMS rules)', () => {
    const known = new Set([...Object.keys(lemtradaUs.rules), ...Object.keys(REMS_RULES)]);
    const cited = catalog.flatMap((d) => d.sections.flatMap((s) => s.rules));
    expect(cited.filter((r) => !known.has(r))).toEqual([]);
  });

  it('leaves no placeholder or undefined value in the text', () => {
    for (const doc of catalog) {
      expect(text(doc)).not.toMatch(/undefined|null|NaN|\[object/);
    }
  });

  it('the training covers the risks, the REMS steps and monitoring', () => {
    const headings = educationDocument(lemtradaUs, 'prescriber-training').sections.map((s) => s.heading);
    for (const topic of [
      /immune thrombocytopenia/,
      /thyroid/,
      /anti-GBM/,
      /Infusion reactions/,
      /Stroke/,
      /Malignancies/,
      /Infections/,
      /step by step/,
      /^Monitoring$/,
    ]) {
      expect(
        headings.some((h) => topic.test(h)),
        String(topic),
      ).toBe(true);
    }
  });

  it('the wallet card names the emergency signs and the end of monitoring', () => {
    const card = text(educationDocument(lemtradaUs, 'wallet-card'));
    expect(card).toContain('48 months after my last infusion');
    expect(card).toContain('a sudden severe headache');
    expect(card).toContain('coughing up blood');
  });

  it('says the numbers the program enforces, and follows a site change', () => {
    const guide = text(educationDocument(lemtradaUs, 'patient-guide'));
    expect(guide).toContain('until 48 months after your last infusion');
    expect(guide).toContain('at least 2 hours');
    const site: ProgramDefinition = {
      ...lemtradaUs,
      monitoring: {
        ...lemtradaUs.monitoring,
        monthsAfterLastInfusion: { ...lemtradaUs.monitoring.monthsAfterLastInfusion, value: 60 },
      },
    };
    expect(text(educationDocument(site, 'patient-guide'))).toContain(
      'until 60 months after your last infusion',
    );
  });

  it('tells EU patients about the EU course cap; US patients have none', () => {
    expect(text(educationDocument(lemtradaEu, 'patient-faq'))).toContain('4 courses at most');
    expect(text(educationDocument(lemtradaUs, 'patient-faq'))).not.toContain('at most)');
  });

  it("INF-5: the patient guide and wallet card give the program's emergency number (US 911, EU 112)", () => {
    for (const id of ['patient-guide', 'wallet-card'] as const) {
      expect(text(educationDocument(lemtradaUs, id))).toContain(
        lemtradaUs.rems.patientReportAdvice.value.stroke,
      );
      expect(text(educationDocument(lemtradaUs, id))).toContain('(911)');
      const eu = text(educationDocument(lemtradaEu, id));
      expect(eu).toContain('(112)');
      expect(eu).not.toContain('911');
    }
  });

  it('belongs to the Lemtrada REMS', () => {
    expect(() => educationDocument(campathUs, 'patient-guide')).toThrow(ProtocolInputError);
  });
});

const SEED = join(import.meta.dirname, '../../../shared/seeds/004_00fab9e0366f43d0.txt');

/** Lower-case word sequences of length n. */
function shingles(s: string, n: number): Set<string> {
  const words = s.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  const out = new Set<string>();
  for (let i = 0; i + n <= words.length; i++) {
    out.add(words.slice(i, i + n).join(' '));
  }
  return out;
}

describe("REMS-PATIENT patient FAQ in Vigil's own words", () => {
  it('answers the questions of the source FAQ (dosage, risks, pregnancy, action, reactions, monitoring, contraindications, vaccines, duration)', () => {
    const faq = educationDocument(lemtradaUs, 'patient-faq');
    expect(faq.sections).toHaveLength(9);
    expect(faq.sections.every((s) => s.heading.endsWith('?'))).toBe(true);
  });

  it.runIf(existsSync(SEED))('copies no run of 7 words from the source', () => {
    const source = shingles(readFileSync(SEED, 'utf8'), 7);
    const ours = [...shingles(text(educationDocument(lemtradaUs, 'patient-faq')), 7)];
    expect(ours.filter((s) => source.has(s))).toEqual([]);
  });
});
