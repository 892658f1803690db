// Test support for the interop HTTP tests: certify the harness world's prescriber, setting and
// pharmacy (the harness leaves them at `applied` / no certification), and give patients
// identifiers, straight in the database as the REMS workflow would have left them.
import { eq } from 'drizzle-orm';
import { certifications, organizations, patientIdentifiers, patients } from '../store/schema/index.js';
import type { PatientStatus } from '../store/schema/values.js';
import type { Harness } from './test-harness.js';

export async function certifyPrescriber(h: Harness, userId: string): Promise<void> {
  const now = h.now();
  await h.database.db.insert(certifications).values({
    kind: 'prescriber',
    subjectUserId: userId,
    status: 'certified',
    appliedAt: now,
    trainedAt: now,
    certifiedAt: now,
    updatedAt: now,
  });
}

export async function setOrganizationCertification(
  h: Harness,
  organizationId: string,
  status: 'applied' | 'certified' | 'suspended' | 'revoked',
): Promise<void> {
  await h.database.db
    .update(organizations)
    .set({ certificationStatus: status })
    .where(eq(organizations.id, organizationId));
}

export async function setPatientStatus(h: Harness, patientId: string, status: PatientStatus): Promise<void> {
  await h.database.db.update(patients).set({ status }).where(eq(patients.id, patientId));
}

export async function addIdentifier(
  h: Harness,
  patientId: string,
  system: string,
  value: string,
): Promise<void> {
  await h.database.db.insert(patientIdentifiers).values({ patientId, system, value });
}

/** `pt_abc…` → `pt-abc…` (interop/fhir/ids.ts), for FHIR paths and CDS Hooks contexts. */
export function fhirIdOf(vigilId: string): string {
  return vigilId.replace('_', '-');
}
