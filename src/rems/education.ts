// The program's education content, served by Vigil as structured data (headings, paragraphs,
// the rule IDs each section rests on): the prescriber training program, the Patient Guide, the
// Patient Safety Information (wallet) Card and a patient FAQ. Written in Vigil's own words from
// the label and protocol.md; every number comes from the program definition, so the text always
// says what the program enforces.
import { ProtocolInputError } from '../protocol/errors.js';
import type { ProgramDefinition } from '../protocol/program.js';
import { ITP_QUESTIONNAIRE_KEYS } from '../protocol/timeline.js';
import { capitalize, count, duration, every, ITP_SIGN_WORDS, listJoin, strokeSignWords } from './wording.js';

export type EducationDocumentId = 'prescriber-training' | 'patient-guide' | 'wallet-card' | 'patient-faq';

export const EDUCATION_DOCUMENTS: readonly EducationDocumentId[] = [
  'prescriber-training',
  'patient-guide',
  'wallet-card',
  'patient-faq',
];

export interface EducationSection {
  heading: string;
  paragraphs: string[];
  /** Protocol and REMS rule IDs the section explains. */
  rules: string[];
}

export interface EducationDocument {
  id: EducationDocumentId;
  title: string;
  audience: 'prescriber' | 'patient';
  programVersion: string;
  sections: EducationSection[];
}

const TEST_WORDS: Readonly<Record<string, string | undefined>> = {
  'cbc-diff': 'complete blood count with differential',
  creatinine: 'serum creatinine',
  urinalysis: 'urinalysis with cell counts',
  tsh: 'thyroid function (TSH)',
  liver: 'liver tests (ALT, AST, bilirubin)',
  'skin-exam': 'skin examination',
  'hpv-screening': 'HPV screening (women)',
  'itp-questionnaire': 'ITP symptom questionnaire',
  upcr: 'urine protein to creatinine ratio',
  cd4: 'CD4+ count',
};

const KIDNEY_SIGNS = 'red, pink or brown urine, or swelling of the legs or feet';
const THYROID_SIGNS =
  'unusual sweating, weight loss or gain you cannot explain, a racing heart, feeling nervous or shaky, eye swelling, feeling cold, or tiredness that keeps getting worse';
const LIVER_SIGNS =
  'feeling sick or vomiting, pain on the right side of the belly, yellow skin or eyes, dark urine, or bleeding or bruising more easily';
const INFECTION_SIGNS = 'fever, chills, swollen glands, cold sores or shingles, or feeling very unwell';

/** Program values the texts quote, read once so every document says the same. */
function values(program: ProgramDefinition) {
  const cadence = (test: string): string => {
    const c = program.monitoring.cadences.find((x) => x.test === test);
    if (c === undefined) {
      return 'as your doctor arranges';
    }
    if ('weeks' in c.every) {
      return c.every.weeks === 1 ? 'every week' : `every ${c.every.weeks} weeks`;
    }
    const m = c.every.months;
    return m === 1 ? 'every month' : m === 12 ? 'every year' : `every ${m} months`;
  };
  const itpOffset = program.monitoring.cadences.find((c) => c.test === 'itp-questionnaire')?.offsetDays;
  const steroid = program.premedication.steroid?.value;
  if (steroid === undefined) {
    throw new Error(
      `Program ${program.version}: the education content explains PRE-1, which the program lacks`,
    );
  }
  const herpes = program.prophylaxis.herpes.value;
  const firstBaseline = program.baseline.find((b) => b.rule === 'BASE-1');
  return {
    drug: program.drug.name,
    months: program.monitoring.monthsAfterLastInfusion.value,
    cadence,
    itpOffset: itpOffset === undefined ? null : count(itpOffset, 'day'),
    observation: duration(program.infusionDay.observationMinutes.value),
    vitalsEvery: duration(program.infusionDay.vitalsEveryMinutes.value),
    infusionHours: count(program.administration.infusion.value.hours, 'hour'),
    vaccineWeeks: count(program.eligibility.liveVaccineWeeksBeforeCourse.value, 'week'),
    strokeDays: count(program.triage.stroke.value.withinDays, 'day'),
    strokeSigns: listJoin(strokeSignWords(program.infusionDay.strokeSigns.value), 'or'),
    // What to do, with the program's own emergency number (911 in the US, 112 in the EU): the
    // same words the patient is told when they report a sign (INF-5, ALR-STR).
    strokeAdvice: program.rems.patientReportAdvice.value.stroke,
    itpSigns: listJoin(
      ITP_QUESTIONNAIRE_KEYS.map((k) => ITP_SIGN_WORDS[k]),
      'or',
    ),
    steroid: `${steroid.drug} ${steroid.doseMg} mg ${steroid.route}`,
    steroidDays: listJoin(steroid.courseDays.map(String)),
    optionalPremedication: listJoin(program.premedication.optional.value, 'or'),
    herpesDrug: herpes.drug,
    herpesMonths: count(herpes.minMonthsAfterLastInfusion, 'month'),
    cd4: herpes.cd4Threshold,
    listeria: program.prophylaxis.listeriaAdvice.value,
    dose: program.courses.doseMgPerDay.value,
    firstInfusions: program.courses.firstCourseInfusions.value,
    laterInfusions: program.courses.laterCourseInfusions.value,
    monthsBetween: program.courses.minMonthsBetweenCourses.value,
    maxCourses: program.courses.maxCourses.value,
    baselineDays: firstBaseline?.withinDays ?? null,
    contraceptionMonths: count(program.reproductive.contraceptionMonthsAfterCourse.value, 'month'),
    breastfeedingMonths: count(program.reproductive.breastfeedingMonthsAfterCourse.value, 'month'),
    authorizationDays: count(program.rems.authorizationValidDays.value, 'day'),
    statusFormMonths: count(program.rems.statusFormMonths.value, 'month'),
    passMark: program.rems.assessmentPassMark.value,
    antiGbm: program.triage.antiGbm.value,
    blocks: program.eligibility.conditions.filter((c) => c.kind === 'block'),
    ruleText: (id: string) => program.rules[id]?.text ?? '',
    ruleTitle: (id: string) => program.rules[id]?.title ?? id,
  };
}

type Values = ReturnType<typeof values>;

function coursesText(v: Values): string {
  const cap = v.maxCourses === null ? '' : `, up to ${count(v.maxCourses, 'course')} in all`;
  return `Course 1 is ${count(v.firstInfusions ?? 0, 'infusion')} of ${v.dose} mg on consecutive days; course 2 is ${count(v.laterInfusions ?? 0, 'infusion')} of ${v.dose} mg, ${count(v.monthsBetween ?? 0, 'month')} after the last infusion of course 1. Further courses may follow if needed, each at least ${count(v.monthsBetween ?? 0, 'month')} after the last infusion of any earlier course${cap}.`;
}

function prescriberTraining(program: ProgramDefinition, v: Values): EducationSection[] {
  const baselineRules = [...new Set(program.baseline.map((b) => b.rule))];
  const monitoringRules = [...new Set(program.monitoring.cadences.map((c) => c.rule))];
  const plateletBands = program.triage.platelets.value;
  return [
    {
      heading: 'Why this program exists',
      paragraphs: [
        `${capitalize(v.drug)} can cause serious and sometimes fatal autoimmune disease, infusion reactions, stroke, cancers and infections. Many of these can be caught early, and the program is built so that they are.`,
        'Only certified prescribers prescribe it, only certified healthcare settings infuse it and only certified pharmacies dispense it, and only for patients who are enrolled and authorized for the course in question.',
      ],
      rules: ['REMS-PRESCRIBER', 'REMS-SETTING', 'REMS-PHARMACY', 'REMS-AUTHORIZATION'],
    },
    {
      heading: 'Who may be treated',
      paragraphs: [
        `${v.ruleText('IND-1')} (IND-1)`,
        `${v.ruleText('IND-3')} (IND-3)`,
        `A course cannot be authorized when any of these is present: ${v.blocks.map((b) => `${b.message.replace(/\.$/, '')} (${b.rule})`).join('; ')}. An unknown status (HIV, pregnancy in a patient who could become pregnant) holds the course until it is known.`,
      ],
      rules: ['IND-1', 'IND-2', 'IND-3', ...new Set(v.blocks.map((b) => b.rule))],
    },
    {
      heading: 'Autoimmunity: immune thrombocytopenia (ITP)',
      paragraphs: [
        'ITP can be life-threatening and may begin months or years after a course. Found early, it is treatable.',
        `A complete blood count with differential is drawn ${v.cadence('cbc-diff')} until ${v.months} months after the last infusion (MON-1), and the patient answers the ITP questionnaire${v.itpOffset === null ? '' : ` ${v.itpOffset} after each draw`} (MON-6).`,
        `Vigil alerts on platelets below ${listJoin(plateletBands.bands.map((b) => `${b.below ?? ''} ×10⁹/L (${b.severity})`))}, or a fall of ${plateletBands.fallFromBaselinePct}% or more from baseline (ALR-PLT).`,
        `Teach patients the signs: ${v.itpSigns}. Any one of them reported: ${program.alertTexts['ALR-ITPQ']?.action ?? 'check the blood count urgently.'} (ALR-ITPQ)`,
      ],
      rules: ['ALR-PLT', 'ALR-ITPQ', 'MON-1', 'MON-6'],
    },
    {
      heading: 'Autoimmunity: thyroid disease',
      paragraphs: [
        'Thyroid disorders, overactive or underactive, are the most frequent autoimmune effect and can appear years after treatment.',
        `TSH is measured ${v.cadence('tsh')} until ${v.months} months after the last infusion (MON-2), and the checks continue through any pregnancy (REP-3), since untreated thyroid disease can harm the pregnancy.`,
      ],
      rules: ['MON-2', 'ALR-TSH', 'REP-3'],
    },
    {
      heading: 'Autoimmunity: anti-GBM disease and the kidneys',
      paragraphs: [
        'Anti-glomerular basement membrane disease can destroy kidney function within weeks and needs urgent treatment.',
        `Serum creatinine and urinalysis with cell counts are done ${v.cadence('creatinine')} (MON-1). Creatinine at ${v.antiGbm.creatinineRatio} × baseline or more with blood in the urine within ${count(v.antiGbm.withinDays, 'day')} of each other raises a critical alert (ALR-GBM); a creatinine rise, haematuria or proteinuria alone are flagged too (ALR-CR, ALR-HEM, ALR-PRO).`,
        `Teach patients to report ${KIDNEY_SIGNS}, and coughing up blood (lung involvement).`,
      ],
      rules: ['MON-1', 'ALR-GBM', 'ALR-CR', 'ALR-HEM', 'ALR-PRO'],
    },
    {
      heading: 'Infusion reactions',
      paragraphs: [
        `Reactions are common and can be serious. Give ${v.steroid} immediately before the infusion on days ${v.steroidDays} of every course (PRE-1); ${v.optionalPremedication} may be added (PRE-2).`,
        `Infuse over about ${v.infusionHours}, never as a push (ADM-2). Record vital signs before and at least ${every(v.vitalsEvery)} during the infusion (INF-3), and observe the patient for at least ${v.observation} afterwards (INF-4).`,
        'Reactions can start after the observation period: tell the patient what to report, and record every reaction with its CTCAE grade and onset (INF-6).',
      ],
      rules: ['PRE-1', 'PRE-2', 'ADM-2', 'INF-3', 'INF-4', 'INF-6'],
    },
    {
      heading: 'Stroke and cervicocephalic arterial dissection',
      paragraphs: [
        `Ischaemic and haemorrhagic stroke and arterial dissection have occurred, mostly within 1 to ${v.strokeDays} of an infusion.`,
        `At every infusion, tell the patient the signs (${v.strokeSigns}) and to call emergency services at once (INF-5). A sign reported within ${v.strokeDays} of an infusion is a critical alert (ALR-STR).`,
      ],
      rules: ['INF-5', 'ALR-STR'],
    },
    {
      heading: 'Malignancies',
      paragraphs: [
        'Thyroid cancer, melanoma and lymphoproliferative disorders have been reported. Use caution in a patient with an active malignancy (CAU-1).',
        `A skin examination is due ${v.cadence('skin-exam')} (MON-4) and, for women, HPV screening ${v.cadence('hpv-screening')} (MON-5).`,
      ],
      rules: ['CAU-1', 'MON-4', 'MON-5'],
    },
    {
      heading: 'Infections',
      paragraphs: [
        `Lymphocyte depletion raises the risk of infection, including herpes infections, listeriosis and, rarely, PML. Start herpes prophylaxis on day 1 of each course, with ${v.herpesDrug}, and continue until the later of ${v.herpesMonths} after the last infusion and a CD4+ count of at least ${v.cd4} cells/µL (PRE-3).`,
        `${v.listeria} (PRE-4)`,
        `Screen for tuberculosis, hepatitis B and C and HIV before course 1 (BASE-5), and establish VZV immunity (BASE-6). Defer a course during an active infection (CI-3). Any live vaccine must be given at least ${v.vaccineWeeks} before a course (VAC-1), and live vaccines are avoided after treatment (ALR-VAC).`,
      ],
      rules: ['PRE-3', 'PRE-4', 'BASE-5', 'BASE-6', 'CI-3', 'VAC-1', 'ALR-VAC'],
    },
    {
      heading: 'Before each course',
      paragraphs: baselineRules.map((r) => `${v.ruleTitle(r)}: ${v.ruleText(r)} (${r})`),
      rules: baselineRules,
    },
    {
      heading: 'Courses',
      paragraphs: [
        coursesText(v),
        'At most one infusion a day; a missed day is given on the next available day and never doubled (DOSE-5, DOSE-6).',
      ],
      rules: ['DOSE-1', 'DOSE-2', 'DOSE-3', 'DOSE-4', 'DOSE-5', 'DOSE-6'],
    },
    {
      heading: 'Monitoring',
      paragraphs: [
        ...[...new Set(program.monitoring.cadences.map((c) => c.test))].map((test) => {
          const rule = program.monitoring.cadences.find((c) => c.test === test)?.rule ?? '';
          return `${capitalize(TEST_WORDS[test] ?? test)}: ${v.cadence(test)} (${rule}).`;
        }),
        `All of it continues until ${v.months} months after the last infusion, and every new course moves that date. ${v.ruleText('MON-7')} (MON-7)`,
      ],
      rules: [...monitoringRules, 'MON-7'],
    },
    {
      heading: 'Pregnancy and breastfeeding',
      paragraphs: [
        `Pregnancy and breastfeeding are contraindications (CI-4). Patients who could become pregnant use effective contraception during each course and for ${v.contraceptionMonths} after it (REP-1); breastfeeding is avoided during a course and for ${v.breastfeedingMonths} after it (REP-2).`,
      ],
      rules: ['CI-4', 'REP-1', 'REP-2', 'REP-3'],
    },
    {
      heading: 'The program, step by step',
      paragraphs: [
        `1. Certify: read this training, pass the knowledge assessment (${v.passMark} correct answers to pass) and sign the Prescriber Enrollment Form.`,
        `2. Enroll each patient: both of you sign the Patient Enrollment Form; counsel the patient with the Patient Guide, hand over the Patient Safety Information Card, and record the patient's agreement to monitoring until ${v.months} months after the last infusion.`,
        `3. Request an authorization for each course. Vigil issues it only when you, the patient, the baseline tests and the healthcare setting all meet the requirements, and lists every one that does not. It is valid through ${v.authorizationDays} after the planned first infusion.`,
        '4. The certified pharmacy checks the authorization before every dispense; the certified setting checks it again, with the other pre-infusion requirements, before every infusion (INF-2).',
        `5. Follow the monitoring, act on alerts, and file a Patient Status Form ${v.statusFormMonths === '1 month' ? 'every month' : `every ${v.statusFormMonths}`} until monitoring ends.`,
      ],
      rules: [
        'REMS-PRESCRIBER',
        'REMS-ASSESSMENT',
        'REMS-PATIENT',
        'REMS-AUTHORIZATION',
        'REMS-DISPENSE',
        'INF-2',
        'REMS-STATUS-FORM',
      ],
    },
  ];
}

function patientGuide(v: Values): EducationSection[] {
  return [
    {
      heading: 'About this guide',
      paragraphs: [
        `You are starting treatment with ${v.drug}. It can work well for MS, and it can also cause serious problems that sometimes show up years later. This guide tells you what to look out for and what to do. Keep it, and read it again before each course.`,
      ],
      rules: ['BASE-8', 'REMS-PATIENT'],
    },
    {
      heading: 'How the treatment is given',
      paragraphs: [
        `${coursesText(v)} Each infusion runs into a vein for about ${v.infusionHours}.`,
        `On days ${v.steroidDays} of each course you get a steroid medicine just before the infusion to make reactions less likely. After each infusion you stay for at least ${v.observation} so the staff can watch for a reaction.`,
      ],
      rules: ['DOSE-2', 'DOSE-3', 'DOSE-4', 'PRE-1', 'INF-4'],
    },
    {
      heading: 'Before each course',
      paragraphs: [
        'You will have blood and urine tests and, before the first course, checks for infections such as tuberculosis, hepatitis and HIV, and for immunity to chickenpox.',
        `If you need a live vaccine, it has to be given at least ${v.vaccineWeeks} before the course. Tell your doctor if you have an infection, might be pregnant, or are breastfeeding.`,
      ],
      rules: ['BASE-1', 'BASE-5', 'BASE-6', 'VAC-1', 'CI-3', 'CI-4'],
    },
    {
      heading: 'After treatment: your regular tests',
      paragraphs: [
        `You need a blood test and a urine test ${v.cadence('cbc-diff')}, a thyroid blood test ${v.cadence('tsh')} and a skin check ${v.cadence('skin-exam')}, until ${v.months} months after your last infusion, even when you feel completely well. They find problems before you notice them.`,
        'Vigil reminds you when a test is due. If you miss one, arrange it as soon as you can.',
      ],
      rules: ['MON-1', 'MON-2', 'MON-4', 'MON-6'],
    },
    {
      heading: 'Call emergency services at once',
      paragraphs: [
        `If you have ${v.strokeSigns}. These can be signs of a stroke or a tear in an artery of the neck, most often within ${v.strokeDays} of an infusion but possible later.`,
        v.strokeAdvice,
      ],
      rules: ['INF-5', 'ALR-STR'],
    },
    {
      heading: 'Call your doctor the same day',
      paragraphs: [
        `Bleeding problems (ITP): ${v.itpSigns}.`,
        `Kidney problems: ${KIDNEY_SIGNS}.`,
        `Liver problems: ${LIVER_SIGNS}.`,
        `Infections: ${INFECTION_SIGNS}. You take a medicine against herpes infections from the first day of each course for at least ${v.herpesMonths} afterwards; do not stop it until your doctor says so.`,
      ],
      rules: ['ALR-ITPQ', 'ALR-GBM', 'ALR-LIV', 'PRE-3'],
    },
    {
      heading: 'Tell your doctor soon',
      paragraphs: [
        `Thyroid problems: ${THYROID_SIGNS}.`,
        'Any new lump, or a mole that changes shape or colour.',
      ],
      rules: ['ALR-TSH', 'MON-4'],
    },
    {
      heading: 'Food',
      paragraphs: [v.listeria],
      rules: ['PRE-4'],
    },
    {
      heading: 'Pregnancy and breastfeeding',
      paragraphs: [
        `Do not start a course while pregnant or breastfeeding. If you could become pregnant, use effective birth control during each course and for ${v.contraceptionMonths} after it. Do not breastfeed during a course or for ${v.breastfeedingMonths} after it. If you become pregnant, tell your doctor: your thyroid tests continue.`,
      ],
      rules: ['CI-4', 'REP-1', 'REP-2', 'REP-3'],
    },
    {
      heading: 'Your Patient Safety Information Card',
      paragraphs: [
        'Carry the card with you and show it to every doctor, nurse, dentist or pharmacist who treats you, also in an emergency and when you travel.',
      ],
      rules: ['BASE-8'],
    },
  ];
}

function walletCard(v: Values): EducationSection[] {
  return [
    {
      heading: `I am treated with ${v.drug}`,
      paragraphs: [
        'Show this card to anyone who gives me medical or dental care.',
        `My monitoring continues until ${v.months} months after my last infusion. Date of my last infusion: ____________`,
      ],
      rules: ['BASE-8', 'MON-1'],
    },
    {
      heading: 'Call emergency services at once for',
      paragraphs: [`${capitalize(v.strokeSigns)}.`, v.strokeAdvice],
      rules: ['INF-5'],
    },
    {
      heading: 'Call my doctor the same day for',
      paragraphs: [`${capitalize(v.itpSigns)}; ${KIDNEY_SIGNS}; fever or other signs of infection.`],
      rules: ['ALR-ITPQ', 'ALR-GBM', 'PRE-3'],
    },
    {
      heading: 'For healthcare professionals',
      paragraphs: [
        'Alemtuzumab can cause immune thrombocytopenia, autoimmune thyroid disease, anti-GBM disease, serious infections, stroke and arterial dissection. When in doubt check platelets, creatinine and urinalysis, and do not give live vaccines.',
      ],
      rules: ['ALR-PLT', 'ALR-GBM', 'ALR-TSH', 'ALR-VAC'],
    },
  ];
}

/** The patient FAQ, in Vigil's words (source material: seed 004's FAQ; no sentence reused). */
function patientFaq(v: Values): EducationSection[] {
  const faq = (heading: string, answer: string, rules: string[]): EducationSection => ({
    heading,
    paragraphs: [answer],
    rules,
  });
  const cap = v.maxCourses === null ? '' : ` (${count(v.maxCourses, 'course')} at most)`;
  return [
    faq(
      'How is it given, and how much?',
      `As a drip into a vein over about ${v.infusionHours}, ${v.dose} mg each day. Your first course has ${count(v.firstInfusions ?? 0, 'daily infusion')}; your second, ${count(v.monthsBetween ?? 0, 'month')} or more later, has ${count(v.laterInfusions ?? 0, 'daily infusion')}.`,
      ['DOSE-1', 'DOSE-2', 'DOSE-3', 'ADM-2'],
    ),
    faq(
      'What are the most serious risks?',
      'Treatment can turn the immune system against your own body: against your blood platelets (ITP), your thyroid, or your kidneys (anti-GBM disease, also called Goodpasture syndrome). A rare bleeding disorder, acquired haemophilia A, has also been seen. Serious infections can happen too, including a rare brain infection called PML. Your regular tests are there to catch all of these early.',
      ['ALR-PLT', 'ALR-TSH', 'ALR-GBM', 'PRE-3'],
    ),
    faq(
      'Can I have it while pregnant or breastfeeding?',
      `No: neither is allowed. If you could become pregnant, use effective birth control during each course and for ${v.contraceptionMonths} after it, and do not breastfeed during a course or for ${v.breastfeedingMonths} after it.`,
      ['CI-4', 'REP-1', 'REP-2'],
    ),
    faq(
      'How does it help in MS?',
      'It clears out many of the white blood cells (lymphocytes) that drive the inflammation harming your nerves. Over the following months your immune system rebuilds itself, and the new cells tend to cause fewer attacks.',
      ['IND-1'],
    ),
    faq(
      'What can happen during an infusion?',
      `Reactions are common: headache, rash, fever, feeling sick, tiredness, itching or a hot, red face, for example. A steroid before the infusions on days ${v.steroidDays} makes them less likely, and the staff watch you for at least ${v.observation} afterwards. Tell them about anything you feel, and call your doctor about reactions that start once you are home.`,
      ['PRE-1', 'INF-4', 'INF-6'],
    ),
    faq(
      'Which tests will I need?',
      `A blood test and a urine test ${v.cadence('cbc-diff')}, a thyroid test ${v.cadence('tsh')}, and a skin check ${v.cadence('skin-exam')}, for ${v.months} months after your last infusion. You will also be asked about signs of bleeding between visits.`,
      ['MON-1', 'MON-2', 'MON-4', 'MON-6'],
    ),
    faq(
      'Who should not have it?',
      'People with HIV, people with an infection that is still active (until it is treated), and anyone who has had a severe allergic reaction to alemtuzumab. Your doctor checks all of this before every course.',
      ['CI-1', 'CI-2', 'CI-3'],
    ),
    faq(
      'Can I have vaccinations?',
      `Any live vaccine has to be given at least ${v.vaccineWeeks} before a course, and after treatment live vaccines are not used. Many other vaccines are fine: ask your doctor before any of them.`,
      ['VAC-1', 'ALR-VAC'],
    ),
    faq(
      'How long does treatment last?',
      `Most people need two courses, ${count(v.monthsBetween ?? 0, 'month')} apart. If MS stays active, more courses are possible, each at least ${count(v.monthsBetween ?? 0, 'month')} after the last infusion${cap}. Your tests continue until ${v.months} months after your last infusion, whichever course that was.`,
      ['DOSE-3', 'DOSE-4', 'MON-1'],
    ),
  ];
}

const TITLES: Record<EducationDocumentId, { title: string; audience: 'prescriber' | 'patient' }> = {
  'prescriber-training': { title: 'Prescriber training program', audience: 'prescriber' },
  'patient-guide': { title: 'Patient Guide', audience: 'patient' },
  'wallet-card': { title: 'Patient Safety Information Card', audience: 'patient' },
  'patient-faq': { title: 'Questions patients ask', audience: 'patient' },
};

/** One document of the program's education content. The content is the Lemtrada REMS's. */
export function educationDocument(program: ProgramDefinition, id: EducationDocumentId): EducationDocument {
  if (program.program !== 'lemtrada') {
    throw new ProtocolInputError(
      'program',
      `The education content belongs to the Lemtrada REMS, not ${program.program}.`,
    );
  }
  const v = values(program);
  const sections = (() => {
    switch (id) {
      case 'prescriber-training':
        return prescriberTraining(program, v);
      case 'patient-guide':
        return patientGuide(v);
      case 'wallet-card':
        return walletCard(v);
      case 'patient-faq':
        return patientFaq(v);
    }
  })();
  return { id, ...TITLES[id], programVersion: program.version, sections };
}

export function educationCatalog(program: ProgramDefinition): EducationDocument[] {
  return EDUCATION_DOCUMENTS.map((id) => educationDocument(program, id));
}
