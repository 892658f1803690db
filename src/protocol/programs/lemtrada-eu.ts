// Lemtrada, European Union: the SmPC after the 2020 Article 20 referral (protocol.md §11).
// Same monitoring and triage as the US program; narrower indication, more contraindications,
// at most 4 courses.
import type { ContraindicationRule, ProgramDefinition } from '../program.js';
import { L } from '../program.js';
import { EU_RULE_TEXTS, LEMTRADA_RULE_TEXTS } from './rule-texts.js';
import { LEMTRADA_CONDITIONS, lemtradaUs } from './lemtrada-us.js';

const EU = 'Lemtrada SmPC after EMA Article 20 referral (2020-01-16)';

const euBlock = (condition: ContraindicationRule['condition'], message: string): ContraindicationRule => ({
  condition,
  rule: 'CI-EU',
  kind: 'block',
  message,
});

export const lemtradaEu: ProgramDefinition = {
  ...lemtradaUs,
  region: 'EU',
  version: 'lemtrada-eu-2020-01',
  title: 'Lemtrada (alemtuzumab) for highly active RRMS — EU SmPC',
  courses: {
    ...lemtradaUs.courses,
    maxCourses: L(4, EU),
  },
  eligibility: {
    ...lemtradaUs.eligibility,
    indicatedDiagnoses: L(['RRMS'], EU),
    blockedDiagnoses: L(['CIS', 'PPMS', 'SPMS', 'active-SPMS'], EU),
    minAgeYears: L(18, EU),
    minPriorDmtFailures: L(1, EU),
    requiresHighlyActive: L(true, EU),
    conditions: [
      ...LEMTRADA_CONDITIONS,
      euBlock('severe-active-infection', 'Severe active infection.'),
      euBlock('uncontrolled-hypertension', 'Uncontrolled hypertension.'),
      euBlock('arterial-dissection', 'History of cervicocephalic arterial dissection.'),
      euBlock('stroke', 'History of stroke.'),
      euBlock('angina-mi', 'History of angina pectoris or myocardial infarction.'),
      euBlock('coagulopathy', 'Known coagulopathy.'),
      euBlock('antiplatelet-anticoagulant', 'On antiplatelet or anticoagulant therapy.'),
      euBlock('other-autoimmune', 'Autoimmune disease other than MS.'),
    ],
  },
  rems: {
    ...lemtradaUs.rems,
    // The European emergency number; the rest of the advice is the US program's.
    patientReportAdvice: L(
      {
        ...lemtradaUs.rems.patientReportAdvice.value,
        stroke:
          'Call emergency services now (112). Do not wait to see if the signs pass: stroke and artery tears in the neck can happen after alemtuzumab, most often within 1 to 3 days of an infusion.',
      },
      `${EU}; Patient Card`,
    ),
  },
  rules: { ...LEMTRADA_RULE_TEXTS, ...EU_RULE_TEXTS },
};
