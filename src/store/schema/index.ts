// The whole schema: tables only (drizzle's schema object and drizzle-kit's input).
// Value sets and column helpers are imported from ./values.js and ./columns.js directly.
export { organizations, users, memberships, sessions } from './identity.js';
export { certifications, assessmentAttempts } from './certification.js';
export { patients, patientDemographics, patientIdentifiers, patientFacts, enrollments } from './patients.js';
export { courses, infusions, labResults, clinicalEvents, adverseEvents } from './clinical.js';
export { alerts, monitoringOccurrences, statusForms } from './monitoring.js';
export { authorizations, dispenses } from './dispensing.js';
export { notifications, idempotencyKeys } from './operations.js';
export { auditLog } from './audit-log.js';
export { calendarLinks } from './calendar-links.js';
