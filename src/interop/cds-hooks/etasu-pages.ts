// The Vigil page that completes each ETASU requirement, for card links. Patient pages hang off
// the patient's path (opaque id only: DESIGN.md 9); program pages off the site root.
import type { EtasuRequirementId } from '../../rems/etasu.js';

export interface EtasuPage {
  scope: 'patient' | 'program';
  path: string;
  label: string;
}

export const ETASU_PAGES: Readonly<Record<EtasuRequirementId, EtasuPage>> = {
  'prescriber-certified': {
    scope: 'program',
    path: 'certification',
    label: 'Complete prescriber certification',
  },
  'patient-enrolled': { scope: 'patient', path: 'enrollment', label: 'Enroll the patient' },
  'patient-eligible': { scope: 'patient', path: 'eligibility', label: 'Review eligibility' },
  'baseline-tests': { scope: 'patient', path: 'labs', label: 'Record baseline tests' },
  'setting-certified': { scope: 'program', path: 'settings', label: 'Choose a certified healthcare setting' },
  'pharmacy-certified': { scope: 'program', path: 'pharmacies', label: 'Choose a certified pharmacy' },
  'course-authorized': { scope: 'patient', path: 'authorization', label: 'Request the course authorization' },
  'monitoring-current': { scope: 'patient', path: 'monitoring', label: 'Review overdue monitoring' },
  'status-form-current': { scope: 'patient', path: 'status-forms', label: 'File the Patient Status Form' },
};

export interface CardLinks {
  /** The Vigil web app, e.g. `https://vigil.example.org`. */
  baseUrl: string;
  /** The patient's page under it, e.g. `/patients/pt_…`. */
  patientPath: string;
}

export function pageUrl(links: CardLinks, scope: EtasuPage['scope'], path: string): string {
  const base = links.baseUrl.replace(/\/+$/, '');
  const patient = `/${links.patientPath.replace(/^\/+|\/+$/g, '')}`;
  const tail = path === '' ? '' : `/${path}`;
  return scope === 'patient' ? `${base}${patient}${tail}` : `${base}${tail}`;
}
