// The text of every rule ID in protocol.md, shown behind "Why?" and recorded as evidence.
// Programs pick from here and override where their label differs (EU §11, Campath §9).
import type { RuleText } from '../program.js';

const US_LABEL = 'Lemtrada US PI (2020 revisions)';
const REMS = 'Lemtrada REMS (REMS@FDA, update 2024-03-04)';
const VIGIL = 'Vigil program default';
const CAMPATH = 'Campath US PI §2.3';
const EU = 'Lemtrada SmPC after EMA Article 20 referral (2020-01-16)';

const l = (title: string, text: string, source = US_LABEL): RuleText => ({
  title,
  text,
  confidence: 'L',
  source,
});
const s = (title: string, text: string, source: string): RuleText => ({
  title,
  text,
  confidence: 'S',
  source,
});
const d = (title: string, text: string, source = VIGIL): RuleText => ({
  title,
  text,
  confidence: 'D',
  source,
});

export const LEMTRADA_RULE_TEXTS: Record<string, RuleText> = {
  'IND-1': l(
    'Indication',
    'Relapsing forms of MS (relapsing-remitting MS, active secondary progressive MS) in adults.',
  ),
  'IND-2': l(
    'Reserved use',
    'Generally reserved for patients with an inadequate response to two or more drugs indicated for MS.',
  ),
  'IND-3': l(
    'Not recommended',
    'Not recommended for clinically isolated syndrome; safety and effectiveness not established under 17 years.',
  ),
  'IND-4': l(
    'Prior Campath',
    'Patients previously treated with Campath (alemtuzumab for CLL) need extra vigilance.',
  ),
  'CI-1': l(
    'Hypersensitivity',
    'Contraindicated after hypersensitivity or anaphylactic reaction to alemtuzumab.',
  ),
  'CI-2': l('HIV', 'Contraindicated in patients infected with HIV (prolonged CD4+ lymphopenia).'),
  'CI-3': l(
    'Active infection',
    'Contraindicated with an active infection; defer the course until it has resolved.',
  ),
  'CI-4': l(
    'Pregnancy and breastfeeding',
    'Contraindicated in pregnancy and breastfeeding (seed 004).',
    'Seed 004 drug monograph',
  ),
  'VAC-1': l(
    'Live vaccines',
    'No live vaccine within 6 weeks before a course; the course starts at least 6 weeks after it.',
  ),
  'CAU-1': l(
    'Cautions',
    'Bleeding disorder, thyroid disease, renal disease, recent infection or active malignancy: weigh the risk and monitor closely.',
  ),
  'BASE-1': l(
    'Baseline blood, kidney and urine',
    'CBC with differential, serum creatinine and urinalysis with cell counts within 30 days before the first infusion of each course.',
    REMS,
  ),
  'BASE-2': l('Baseline proteinuria', 'Urine protein:creatinine ratio before course 1.'),
  'BASE-3': l(
    'Baseline thyroid and liver',
    'Thyroid function (TSH) and liver tests (ALT, AST, bilirubin) within 30 days before each course.',
  ),
  'BASE-4': l('Baseline skin exam', 'Skin examination before course 1 (melanoma risk).'),
  'BASE-5': l(
    'Infection screening',
    'Tuberculosis screening, HIV test, hepatitis B and C screening recorded before course 1.',
  ),
  'BASE-6': l(
    'Varicella zoster status',
    'Without a history of chickenpox or vaccination, test VZV antibodies; if seronegative, vaccinate and start at least 6 weeks later.',
  ),
  'BASE-7': d(
    'Pregnancy test',
    'A negative pregnancy test within 30 days before each course for a patient of childbearing potential.',
  ),
  'BASE-8': l(
    'Patient education',
    'Patient Guide and Patient Safety Information (wallet) Card given before course 1.',
    REMS,
  ),
  'BASE-9': l('HPV screening', 'HPV screening (cervical) for females before course 1, then yearly.'),
  'DOSE-1': l('Dose', '12 mg/day by intravenous infusion; no dose adjustment.'),
  'DOSE-2': l('Course 1', '12 mg/day on 5 consecutive days (60 mg total).'),
  'DOSE-3': l(
    'Course 2',
    '12 mg/day on 3 consecutive days (36 mg total), 12 months after the last infusion of course 1.',
  ),
  'DOSE-4': l(
    'Later courses',
    '12 mg/day on 3 consecutive days, as needed, at least 12 months after the last dose of any prior course.',
  ),
  'DOSE-5': l('One infusion a day', 'At most one infusion per day; a missed dose is not doubled.'),
  'DOSE-6': d(
    'Missed day',
    'A missed day is given on the next available day until the planned count is met; the prescriber is told.',
  ),
  'ADM-1': s(
    'Preparation',
    '1.2 mL (12 mg) from one single-use 12 mg/1.2 mL vial into 100 mL 0.9% NaCl or 5% dextrose; do not shake; use within 8 h.',
    'Lemtrada SmPC',
  ),
  'ADM-2': l('Infusion time', 'Infuse over about 4 hours (may be extended); never as an IV push.'),
  'ADM-3': l('Traceability', 'Record the product and lot (batch) number of every infusion.', 'Lemtrada SmPC'),
  'PRE-1': l(
    'Steroid premedication',
    'Methylprednisolone 1,000 mg IV immediately before the infusion on days 1, 2 and 3 of every course.',
  ),
  'PRE-2': l('Other premedication', 'An antihistamine and/or antipyretic may be given before the infusion.'),
  'PRE-3': l(
    'Herpes prophylaxis',
    'Antiviral prophylaxis for herpes from day 1 of each course until the later of 2 months after the course and CD4+ lymphocytes ≥ 200 cells/µL.',
  ),
  'PRE-4': l('Listeria', 'Avoid foods that are potential sources of Listeria, from before the course.'),
  'INF-1': l(
    'Setting',
    'Infuse only in a certified setting able to manage anaphylaxis and serious infusion reactions.',
    REMS,
  ),
  'INF-2': l(
    'Pre-infusion gate',
    'Patient authorized for this course; no active infection; methylprednisolone given (days 1–3); herpes antiviral started; vital signs recorded.',
    REMS,
  ),
  'INF-3': l('Vital signs', 'Vital signs before and periodically during the infusion.'),
  'INF-4': l('Observation', 'Observe for at least 2 hours after each infusion before discharge.'),
  'INF-5': l(
    'Stroke warning',
    'At every infusion, tell the patient the signs of stroke and cervicocephalic arterial dissection and to call emergency services; most events come within 1–3 days.',
    'FDA Drug Safety Communication 2018-11-29',
  ),
  'INF-6': l(
    'Infusion reactions',
    'Record infusion reactions with their CTCAE grade and onset; reactions can occur after the observation period.',
  ),
  'MON-1': l(
    'Monthly blood, kidney and urine tests',
    'CBC with differential, serum creatinine and urinalysis with cell counts monthly until 48 months after the last infusion.',
    REMS,
  ),
  'MON-2': l('Thyroid tests', 'Thyroid function every 3 months until 48 months after the last infusion.'),
  'MON-3': s(
    'Liver tests',
    'Liver tests (ALT, AST, bilirubin) monthly with the blood count (US: periodically; EU: monthly).',
    EU,
  ),
  'MON-4': l('Yearly skin exam', 'Skin examination every year (melanoma).'),
  'MON-5': l('Yearly HPV screening', 'HPV screening every year for females.'),
  'MON-6': s(
    'Monthly ITP questionnaire',
    'A questionnaire on signs of ITP every month, two weeks after the blood count.',
    'Seed 001 (CAMMS223/CARE-MS ITP monitoring protocol)',
  ),
  'MON-7': l(
    'After monitoring ends',
    'After 48 months, test on clinical suspicion only; late autoimmunity remains possible.',
  ),
  'ALR-PLT': d(
    'Low platelets',
    'Platelets < 30 ×10⁹/L: critical; 30–99: urgent; 100–149 or a fall ≥ 50% from baseline: warning.',
    'Belgian consensus on ITP monitoring after alemtuzumab (2018)',
  ),
  'ALR-ANC': d('Low neutrophils', 'ANC < 0.5 ×10⁹/L: critical; < 1.0: urgent; < 1.5: warning.'),
  'ALR-CR': d(
    'Rising creatinine',
    'Creatinine ≥ 1.5 × baseline: urgent; above the upper limit or ≥ 1.3 × baseline: warning.',
  ),
  'ALR-HEM': d('Hematuria', 'Urine RBC > 5 per high-power field (not explained by menses): warning.'),
  'ALR-PRO': d('Proteinuria', 'UPCR > 200 mg/g or dipstick protein ≥ 1+: warning.'),
  'ALR-GBM': l(
    'Anti-GBM disease suspected',
    'Creatinine ≥ 1.3 × baseline with hematuria within 14 days of each other: evaluate for anti-GBM disease at once.',
  ),
  'ALR-TSH': d('Thyroid dysfunction', 'TSH < 0.4 or > 4.0 mIU/L: warning; < 0.1 or > 10: urgent.'),
  'ALR-LIV': l(
    'Liver injury',
    'ALT or AST > 3 × ULN: urgent; with bilirubin > 2 × ULN: critical. Evaluate and interrupt treatment.',
  ),
  'ALR-ITPQ': s(
    'ITP symptoms',
    'Petechiae, easy bruising, bleeding gums, long nosebleeds, blood in urine, heavy menstrual bleeding or coughing blood: CBC within 24 h.',
    'Seed 001',
  ),
  'ALR-STR': l(
    'Stroke signs',
    'A stroke or arterial dissection sign within 3 days of an infusion is critical, later urgent: call emergency services.',
    'FDA Drug Safety Communication 2018-11-29',
  ),
  'ALR-VAC': l('Live vaccine after treatment', 'Live vaccines are to be avoided after treatment.'),
  'ALR-PREG': l(
    'Pregnancy exposure',
    'Pregnancy within 4 months after a course: continue TSH monitoring; report to the pregnancy registry.',
  ),
  'REP-1': s(
    'Contraception',
    'Effective contraception during each course and for 4 months after it for patients of childbearing potential.',
    'Seed 004 drug monograph',
  ),
  'REP-2': l(
    'Breastfeeding',
    'Avoid breastfeeding during a course and for 3 months after it.',
    'Seed 004 drug monograph',
  ),
  'REP-3': l('Pregnancy and thyroid', 'During pregnancy, thyroid (TSH) monitoring continues.'),
};

export const EU_RULE_TEXTS: Record<string, RuleText> = {
  'IND-1': l(
    'Indication (EU)',
    'Adults with highly active RRMS despite a full course of at least one DMT, or rapidly evolving severe RRMS (≥ 2 disabling relapses in one year and ≥ 1 Gd+ lesion or a significant T2 increase).',
    EU,
  ),
  'IND-2': l(
    'Prior treatment (EU)',
    'Highly active disease despite a full and adequate course of at least one disease-modifying therapy.',
    EU,
  ),
  'CI-EU': l(
    'Contraindications (EU)',
    'Severe active infection, uncontrolled hypertension, history of cervicocephalic arterial dissection, stroke, angina or myocardial infarction, coagulopathy or antiplatelet/anticoagulant therapy, other autoimmune disease besides MS.',
    EU,
  ),
  'DOSE-4': l(
    'Later courses (EU)',
    'Up to two more courses of 3 days, at least 12 months after the prior course; at most 4 courses in all.',
    EU,
  ),
  'INF-1': l('Setting (EU)', 'Infuse only in a hospital with ready access to intensive care.', EU),
};

/**
 * Lemtrada texts that hold for Campath word for word: the one-dose-a-day rule, the infusion-day
 * rules the REMS gate applies to every program, and the triage it shares (program.triage).
 */
const CAMPATH_SHARED_IDS = [
  'DOSE-5',
  'INF-3',
  'INF-5',
  'INF-6',
  'ALR-PLT',
  'ALR-ANC',
  'ALR-CR',
  'ALR-HEM',
  'ALR-PRO',
  'ALR-GBM',
  'ALR-TSH',
  'ALR-LIV',
  'ALR-ITPQ',
  'ALR-STR',
  'ALR-VAC',
  'ALR-PREG',
] as const;

function lemtradaTexts(ids: readonly string[]): Record<string, RuleText> {
  return Object.fromEntries(
    ids.map((id) => {
      const text = LEMTRADA_RULE_TEXTS[id];
      if (text === undefined) {
        throw new Error(`rule-texts: no Lemtrada text for ${id}`);
      }
      return [id, text];
    }),
  );
}

/**
 * Every rule the Campath program cites, and only those: Lemtrada's indication, baseline, course,
 * preparation, MS monitoring and TSH-in-pregnancy rules do not apply to B-CLL, so they are left
 * out rather than shown with MS, 17-year or 12 mg-vial wording.
 */
export const CAMPATH_RULE_TEXTS: Record<string, RuleText> = {
  ...lemtradaTexts(CAMPATH_SHARED_IDS),
  'IND-3': l(
    'Age (Campath)',
    'Safety and effectiveness in pediatric patients have not been established: adults (18 years or over) only.',
    CAMPATH,
  ),
  'CI-2': d(
    'HIV (Campath)',
    'HIV infection is not a contraindication in the Campath label; Vigil shows it as a warning, since Campath causes profound and prolonged lymphopenia.',
  ),
  'CI-4': d(
    'Pregnancy and breastfeeding (Campath)',
    'Vigil does not start Campath during pregnancy (risk of fetal harm) or while breastfeeding.',
  ),
  'VAC-1': l(
    'Live vaccines (Campath)',
    'No live vaccine within 6 weeks before the first dose; no live viral vaccine after Campath therapy.',
    CAMPATH,
  ),
  'PRE-1': l(
    'No steroid premedication (Campath)',
    'The Campath label gives no steroid premedication; PRE-1 (methylprednisolone) is a Lemtrada rule. Premedication before the first dose and each escalation is CAM-5.',
    CAMPATH,
  ),
  'PRE-2': l(
    'Other premedication (Campath)',
    'Diphenhydramine 50 mg and acetaminophen 500–1000 mg, required before the first dose and each escalation (CAM-5), may also be given as clinically indicated.',
    CAMPATH,
  ),
  'PRE-4': l('Listeria (Campath)', 'Avoid foods that may carry Listeria, from before therapy.', CAMPATH),
  'INF-1': d(
    'Setting (Campath)',
    'Infuse only where anaphylaxis and serious infusion reactions can be managed; Vigil applies the infusion-day gate to Campath doses.',
  ),
  'INF-2': d(
    'Pre-infusion gate (Campath)',
    'Patient authorized; no active infection; herpes antiviral prophylaxis started (CAM-6); vital signs recorded. No steroid premedication (PRE-1 does not apply); CAM-5 premedication before the first dose and each escalation.',
  ),
  'INF-4': d(
    'Observation (Campath)',
    'Observe for at least 2 hours after each dose before discharge: a Vigil default, as the Campath label sets no observation period.',
  ),
  'REP-1': l(
    'Contraception (Campath)',
    'Effective contraception during therapy and for at least 6 months after it.',
    CAMPATH,
  ),
  'REP-2': l(
    'Breastfeeding (Campath)',
    'Do not breastfeed during therapy and for at least 3 months after the last dose.',
    CAMPATH,
  ),
  'IND-1': l(
    'Indication (Campath)',
    'Single-agent treatment of B-cell chronic lymphocytic leukemia (B-CLL).',
    CAMPATH,
  ),
  'CI-3': l(
    'Serious infection (Campath)',
    'Do not start during a serious active infection; withhold for serious infection.',
    CAMPATH,
  ),
  'CAM-1': l('Administration', 'Intravenous infusion over 2 hours; never as an IV push or bolus.', CAMPATH),
  'CAM-2': l(
    'Escalation',
    '3 mg daily until infusion reactions are grade 2 or less, then 10 mg daily until grade 2 or less, then 30 mg three times a week on alternate days (Mon/Wed/Fri), up to 12 weeks in all.',
    CAMPATH,
  ),
  'CAM-3': l('Dose cap', 'At most 30 mg in one dose and 90 mg in one calendar week.', CAMPATH),
  'CAM-4': l(
    'Re-escalation',
    'After a gap of 7 days or more between doses, escalate again from 3 mg.',
    CAMPATH,
  ),
  'CAM-5': l(
    'Premedication',
    'Antihistamine and acetaminophen 30 minutes before the first dose and each escalation; withhold after a grade 3–4 infusion reaction.',
    CAMPATH,
  ),
  'CAM-6': l(
    'Prophylaxis',
    'PCP prophylaxis (TMP/SMX DS twice daily three times a week) and herpes prophylaxis (famciclovir 250 mg twice daily) until the later of 2 months after therapy and CD4+ ≥ 200 cells/µL.',
    CAMPATH,
  ),
  'CAM-7a': l(
    'Hematologic toxicity (normal baseline)',
    'ANC < 0.25 ×10⁹/L and/or platelets ≤ 25 ×10⁹/L: 1st time withhold and resume at 30 mg when ANC ≥ 0.5 and platelets ≥ 50; 2nd time resume at 10 mg; 3rd time discontinue.',
    CAMPATH,
  ),
  'CAM-7b': l(
    'Hematologic toxicity (low baseline)',
    'With baseline ANC ≤ 0.25 and/or platelets ≤ 25: a fall ≥ 50% from baseline: 1st withhold, resume 30 mg on return to baseline; 2nd resume 10 mg; 3rd discontinue.',
    CAMPATH,
  ),
  'CAM-8': l(
    'Autoimmune cytopenia',
    'Autoimmune anemia or autoimmune thrombocytopenia: discontinue.',
    CAMPATH,
  ),
  'CAM-9': l(
    'Monitoring',
    'CBC weekly during therapy; CD4 counts after therapy until ≥ 200 cells/µL.',
    CAMPATH,
  ),
};
