import { describe, expect, it } from 'vitest';
import { ProtocolInputError } from '../protocol/errors.js';
import { campathUs } from '../protocol/programs/campath-us.js';
import { lemtradaEu } from '../protocol/programs/lemtrada-eu.js';
import { lemtradaUs } from '../protocol/programs/lemtrada-us.js';
import { ITP_QUESTIONNAIRE_KEYS, STROKE_SIGNS } from '../protocol/timeline.js';
import { patientReportFormsSchema } from '../contracts/patient-report-forms.js';
import { patientReportForms } from './patient-report-forms.js';

describe('MON-6 ALR-ITPQ INF-5 ALR-STR patient report forms', () => {
  const forms = patientReportForms(lemtradaUs);

  it('fits the API contract', () => {
    expect(patientReportFormsSchema.safeParse(forms).success).toBe(true);
  });

  it('asks one plain yes/no question per questionnaire key, in the protocol order', () => {
    expect(forms.questionnaire.questions.map((q) => q.key)).toEqual([...ITP_QUESTIONNAIRE_KEYS]);
    for (const q of forms.questionnaire.questions) {
      expect(q.question).toMatch(/^[A-Z].*\?$/);
      expect(q.sign.length).toBeGreaterThan(3);
    }
    // Only the period question may fairly be answered "does not apply".
    expect(forms.questionnaire.questions.filter((q) => q.mayNotApply).map((q) => q.key)).toEqual([
      'heavyMenstrualBleeding',
    ]);
  });

  it('lists the program’s stroke signs in plain words, capitalized', () => {
    expect(forms.symptoms.signs.map((s) => s.code)).toEqual([...STROKE_SIGNS]);
    expect(forms.symptoms.signs[0]?.label).toBe('Sudden weakness on one side of the body');
    expect(forms.symptoms.intro).toContain('within 3 days of an infusion');
  });

  it('carries the program’s instructions, which differ by program (911 in the US, 112 in the EU)', () => {
    expect(forms.symptoms.advice).toEqual({
      kind: 'emergency',
      text: lemtradaUs.rems.patientReportAdvice.value.stroke,
    });
    expect(forms.questionnaire.advice.text).toBe(lemtradaUs.rems.patientReportAdvice.value.bleeding);
    expect(forms.questionnaire.advice.text).toMatch(/within 24 hours/);
    const eu = patientReportForms(lemtradaEu);
    expect(eu.programVersion).toBe(lemtradaEu.version);
    expect(eu.symptoms.advice.text).toBe(lemtradaEu.rems.patientReportAdvice.value.stroke);
  });

  it('cites each rule with its text and source, and the Patient Guide’s other signs to call about', () => {
    expect(forms.rules.map((r) => r.id)).toEqual(['MON-6', 'ALR-ITPQ', 'INF-5', 'ALR-STR']);
    for (const r of forms.rules) {
      expect(r.text).toBe(lemtradaUs.rules[r.id]?.text);
      expect(r.source).toBe(lemtradaUs.rules[r.id]?.source);
    }
    expect(forms.symptoms.otherSigns.map((s) => s.heading)).toEqual([
      'Call your doctor the same day',
      'Tell your doctor soon',
    ]);
    expect(forms.symptoms.otherSigns[0]?.rules).toContain('ALR-ITPQ');
  });

  it('refuses a program whose Patient Guide it does not have', () => {
    expect(() => patientReportForms(campathUs)).toThrow(ProtocolInputError);
  });
});
