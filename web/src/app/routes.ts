// The app's client routes and each role's home. Paths are chosen apart from the API's (the API
// serves /patients/…, the app /patient/…): the server sends index.html only for browser
// navigations outside API paths (src/server/web.ts). Only opaque IDs appear in paths (DESIGN.md 9).
import type { Principal } from '../api/api.js';

export type Role = Principal['role'];

export const PATHS = {
  signIn: '/sign-in',
  worklist: '/worklist',
  patientList: '/patient-list',
  patient: (id: string) => `/patient/${encodeURIComponent(id)}`,
  auditLog: '/audit-log',
  mySchedule: '/my-schedule',
  myQuestionnaire: '/my-questionnaire',
  reportSymptom: '/report-symptom',
  myResults: '/my-results',
  myEducation: '/my-education',
  walletCard: '/wallet-card',
  notYet: '/not-yet',
  certificationQueue: '/certification-queue',
  compliance: '/compliance',
  infusionDay: '/infusion-day',
  dispensing: '/dispensing',
} as const;

export type Screen =
  | { kind: 'sign-in' }
  | { kind: 'home' }
  | { kind: 'worklist' }
  | { kind: 'patient-list' }
  | { kind: 'patient'; id: string }
  | { kind: 'audit-log' }
  | { kind: 'my-schedule' }
  | { kind: 'my-questionnaire' }
  | { kind: 'report-symptom' }
  | { kind: 'my-results' }
  | { kind: 'my-education' }
  | { kind: 'wallet-card' }
  | { kind: 'not-yet' }
  | { kind: 'certification-queue' }
  | { kind: 'compliance' }
  | { kind: 'infusion-day' }
  | { kind: 'dispensing' }
  | { kind: 'not-found' };

export function screenOf(pathname: string): Screen {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/') {
    return { kind: 'home' };
  }
  const patient = /^\/patient\/([^/]+)$/.exec(path);
  if (patient?.[1]) {
    return { kind: 'patient', id: decodeURIComponent(patient[1]) };
  }
  switch (path) {
    case PATHS.signIn:
      return { kind: 'sign-in' };
    case PATHS.worklist:
      return { kind: 'worklist' };
    case PATHS.patientList:
      return { kind: 'patient-list' };
    case PATHS.auditLog:
      return { kind: 'audit-log' };
    case PATHS.mySchedule:
      return { kind: 'my-schedule' };
    case PATHS.myQuestionnaire:
      return { kind: 'my-questionnaire' };
    case PATHS.reportSymptom:
      return { kind: 'report-symptom' };
    case PATHS.myResults:
      return { kind: 'my-results' };
    case PATHS.myEducation:
      return { kind: 'my-education' };
    case PATHS.walletCard:
      return { kind: 'wallet-card' };
    case PATHS.notYet:
      return { kind: 'not-yet' };
    case PATHS.certificationQueue:
      return { kind: 'certification-queue' };
    case PATHS.compliance:
      return { kind: 'compliance' };
    case PATHS.infusionDay:
      return { kind: 'infusion-day' };
    case PATHS.dispensing:
      return { kind: 'dispensing' };
    default:
      return { kind: 'not-found' };
  }
}

export interface NavItem {
  label: string;
  path: string;
}

/** Each role's navigation; the first item is the role's home. */
export function navFor(role: Role): NavItem[] {
  switch (role) {
    case 'prescriber':
    case 'delegate':
      return [
        { label: 'Worklist', path: PATHS.worklist },
        { label: 'Patients', path: PATHS.patientList },
      ];
    case 'admin':
      return [
        { label: 'Audit log', path: PATHS.auditLog },
        { label: 'Certifications', path: PATHS.certificationQueue },
        { label: 'Compliance', path: PATHS.compliance },
        { label: 'Worklist', path: PATHS.worklist },
        { label: 'Patients', path: PATHS.patientList },
      ];
    case 'nurse':
      return [
        { label: 'Today’s infusions', path: PATHS.infusionDay },
        { label: 'Patients', path: PATHS.patientList },
        { label: 'Alerts', path: PATHS.worklist },
      ];
    case 'patient':
      return [
        { label: 'My schedule', path: PATHS.mySchedule },
        { label: 'Questionnaire', path: PATHS.myQuestionnaire },
        { label: 'Report a symptom', path: PATHS.reportSymptom },
        { label: 'My results', path: PATHS.myResults },
        { label: 'My education', path: PATHS.myEducation },
      ];
    case 'pharmacist':
      return [{ label: 'Dispensing', path: PATHS.dispensing }];
    case 'system':
      // Machine accounts (integrations) use the API, not the web app.
      return [];
  }
}

export function homeOf(role: Role): string {
  return navFor(role)[0]?.path ?? PATHS.notYet;
}

/** Whether the role may open the screen at all (the API decides record by record). */
export function mayOpen(role: Role, screen: Screen): boolean {
  switch (screen.kind) {
    case 'sign-in':
    case 'home':
    case 'not-found':
    case 'not-yet':
      return true;
    case 'patient':
      return role !== 'pharmacist';
    case 'worklist':
    case 'patient-list':
    case 'audit-log':
    case 'certification-queue':
    case 'compliance':
    case 'my-schedule':
    case 'my-questionnaire':
    case 'report-symptom':
    case 'my-results':
    case 'my-education':
    case 'infusion-day':
    case 'dispensing':
      return navFor(role).some((n) => screenOf(n.path).kind === screen.kind);
    case 'wallet-card':
      // Reached from My education; the card is published content, but only patients carry one.
      return role === 'patient';
  }
}

/** May this role act on alerts (acknowledge, resolve)? Mirrors the API policy; the API decides. */
export function mayActOnAlerts(role: Role): boolean {
  return role === 'prescriber' || role === 'delegate' || role === 'admin';
}
