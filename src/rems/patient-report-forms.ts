// What a patient is asked and told when reporting between visits (issue #6), as program content
// so every client shows the same words: the monthly ITP questionnaire (MON-6; a "yes" raises
// ALR-ITPQ) as plain yes/no questions, the stroke and dissection signs (INF-5; a ticked sign
// raises ALR-STR), the instruction each alert comes with (rems.patientReportAdvice) and the text
// and source of every rule cited, so a client can show the emergency instruction the moment a
// stroke sign is ticked, before anything is sent, without keeping its own copy of it.
import { ProtocolInputError } from '../protocol/errors.js';
import type { ProgramDefinition } from '../protocol/program.js';
import { ITP_QUESTIONNAIRE_KEYS, type ItpQuestionnaireKey, type StrokeSign } from '../protocol/timeline.js';
import { educationDocument, type EducationSection } from './education.js';
import { capitalize, count, ITP_SIGN_WORDS, strokeSignWords } from './wording.js';

export interface ItpQuestion {
  key: ItpQuestionnaireKey;
  /** A yes/no question in plain words. */
  question: string;
  /** The sign in a few words, for summaries ("You answered yes to: …"). */
  sign: string;
  /** Some questions do not apply to everyone (periods): "does not apply" is then a fair answer. */
  mayNotApply: boolean;
}

export interface StrokeSignItem {
  code: StrokeSign;
  label: string;
}

export interface CitedRule {
  id: string;
  title: string;
  text: string;
  source: string;
  confidence: string;
}

export interface PatientReportForms {
  programVersion: string;
  questionnaire: {
    rule: 'MON-6';
    alertRule: 'ALR-ITPQ';
    intro: string;
    questions: ItpQuestion[];
    /** What to do when any answer is yes (the API answers the same text after submission). */
    advice: { kind: 'blood-count'; text: string };
  };
  symptoms: {
    rule: 'INF-5';
    alertRule: 'ALR-STR';
    intro: string;
    signs: StrokeSignItem[];
    /** Shown as soon as one sign is ticked, and again from the API's answer. */
    advice: { kind: 'emergency'; text: string };
    /** Other signs the patient should call about, which this form does not send. */
    otherSigns: EducationSection[];
  };
  /** Text and source of every rule the forms cite ("Why?"). */
  rules: CitedRule[];
}

/** MON-6 / ALR-ITPQ questions; the signs are the ones the program's alert rule lists. */
const ITP_QUESTIONS: Record<ItpQuestionnaireKey, { question: string; mayNotApply: boolean }> = {
  petechiae: {
    question: 'Have you noticed tiny red, pink or purple spots on your skin?',
    mayNotApply: false,
  },
  easyBruising: { question: 'Have you been bruising more easily than usual?', mayNotApply: false },
  bleedingGums: {
    question: 'Have your gums bled, for example when you brush your teeth?',
    mayNotApply: false,
  },
  nosebleed: { question: 'Have you had a nosebleed that lasted longer than 30 minutes?', mayNotApply: false },
  bloodInUrine: {
    question: 'Have you seen blood in your urine (red, pink or brown urine)?',
    mayNotApply: false,
  },
  heavyMenstrualBleeding: {
    question: 'If you have periods: have they been much heavier than usual?',
    mayNotApply: true,
  },
  coughingBlood: { question: 'Have you coughed up blood?', mayNotApply: false },
};

/** The Patient Guide sections on other signs to call about (ALR-ITPQ, ALR-GBM, ALR-LIV, ALR-TSH). */
const OTHER_SIGN_HEADINGS = ['Call your doctor the same day', 'Tell your doctor soon'];

const CITED = ['MON-6', 'ALR-ITPQ', 'INF-5', 'ALR-STR'] as const;

export function patientReportForms(program: ProgramDefinition): PatientReportForms {
  if (program.program !== 'lemtrada') {
    // The forms quote the Patient Guide, which is the Lemtrada REMS's (src/rems/education.ts).
    throw new ProtocolInputError(
      'program',
      `The patient report forms belong to the Lemtrada REMS, not ${program.program}.`,
    );
  }
  const guide = educationDocument(program, 'patient-guide');
  const otherSigns = OTHER_SIGN_HEADINGS.map((heading) => {
    const section = guide.sections.find((s) => s.heading === heading);
    if (section === undefined) {
      throw new Error(`Program ${program.version}: the Patient Guide has no section "${heading}"`);
    }
    return section;
  });
  const rules = CITED.map((id) => {
    const rule = program.rules[id];
    if (rule === undefined) {
      throw new Error(
        `Program ${program.version}: the patient report forms cite ${id}, which the program lacks`,
      );
    }
    return { id, title: rule.title, text: rule.text, source: rule.source, confidence: rule.confidence };
  });
  const advice = program.rems.patientReportAdvice.value;
  const withinDays = count(program.triage.stroke.value.withinDays, 'day');
  const signs = program.infusionDay.strokeSigns.value as StrokeSign[];
  const labels = strokeSignWords(signs);
  return {
    programVersion: program.version,
    questionnaire: {
      rule: 'MON-6',
      alertRule: 'ALR-ITPQ',
      intro:
        'Since your last questionnaire, have you noticed any of these? They can be early signs of a low platelet count, which needs a blood test quickly. Answer each question; your care team sees your answers.',
      questions: ITP_QUESTIONNAIRE_KEYS.map((key) => ({
        key,
        ...ITP_QUESTIONS[key],
        sign: ITP_SIGN_WORDS[key],
      })),
      advice: { kind: 'blood-count', text: advice.bleeding },
    },
    symptoms: {
      rule: 'INF-5',
      alertRule: 'ALR-STR',
      intro: `Tick every sign you have now. They can be signs of a stroke or a tear in an artery of the neck, most often within ${withinDays} of an infusion but possible later.`,
      signs: signs.map((code, i) => ({ code, label: capitalize(labels[i] ?? code) })),
      advice: { kind: 'emergency', text: advice.stroke },
      otherSigns,
    },
    rules,
  };
}
