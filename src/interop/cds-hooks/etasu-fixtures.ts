// ETASU results for the card and $rems-etasu tests, in the shape src/rems/etasu.ts defines.
import type { EtasuRequirement, EtasuResult } from '../../rems/etasu.js';
import { overallStatus } from '../../rems/etasu.js';

export const MET: EtasuRequirement[] = [
  {
    id: 'prescriber-certified',
    title: 'Prescriber certified',
    status: 'success',
    detail: '',
    rules: [],
    missing: [],
  },
  {
    id: 'patient-enrolled',
    title: 'Patient enrolled',
    status: 'success',
    detail: '',
    rules: [],
    missing: [],
  },
  {
    id: 'course-authorized',
    title: 'Course authorized',
    status: 'success',
    detail: '',
    rules: [],
    missing: [],
  },
];

export const PRESCRIBER_NOT_CERTIFIED: EtasuRequirement = {
  id: 'prescriber-certified',
  title: 'Prescriber certified',
  status: 'failure',
  detail: 'The prescriber has not passed the knowledge assessment.',
  rules: [],
  missing: [],
};

export const BASELINE_MISSING: EtasuRequirement = {
  id: 'baseline-tests',
  title: 'Baseline tests within 30 days',
  status: 'data-required',
  detail: 'Baseline results are missing for the course starting 2026-03-02.',
  rules: ['BASE-1', 'BASE-3'],
  missing: ['BASE-1:cbc-diff', 'BASE-3:tsh', 'hiv'],
};

export function etasu(requirements: EtasuRequirement[], caseNumber: string | null = null): EtasuResult {
  return { caseNumber, requirements, overall: overallStatus(requirements) };
}
