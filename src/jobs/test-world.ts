// Test support for the job tests (recompute, sweep, concurrency): one practice with its
// prescriber and an infusion setting, and the course-1 patient their scenarios start from.
import type { Timeline } from '../protocol/timeline.js';
import type { Tx } from '../store/db.js';
import { insertOrganization } from '../store/repos/organizations.js';
import { insertMembership, insertUser } from '../store/repos/users.js';

/** What importTimeline needs to place a patient: spread it into its input. */
export interface PrescriberWorld {
  practiceOrganizationId: string;
  prescriberMembershipId: string;
  settingOrganizationId: string;
}

export async function insertPrescriberWorld(tx: Tx, now: Date): Promise<PrescriberWorld> {
  const practice = (await insertOrganization(tx, { kind: 'practice', name: 'P', now })).id;
  const setting = (await insertOrganization(tx, { kind: 'healthcare-setting', name: 'S', now })).id;
  const user = await insertUser(tx, {
    email: 'p@vigil.test',
    displayName: 'P',
    passwordHash: '$argon2id$x',
    now,
  });
  const prescriber = await insertMembership(tx, {
    userId: user.id,
    organizationId: practice,
    role: 'prescriber',
    actsForMembershipId: null,
    patientId: null,
    now,
  });
  return {
    practiceOrganizationId: practice,
    prescriberMembershipId: prescriber.id,
    settingOrganizationId: setting,
  };
}

/** A man with RRMS given course 1 (12 mg on 2025-01-06..10), then `events`, as of `asOf`. */
export function course1Timeline(asOf: string, events: Timeline['events'] = []): Timeline {
  return {
    program: 'lemtrada',
    region: 'US',
    asOf,
    patient: {
      birthDate: '1990-05-01',
      sex: 'male',
      diagnosis: 'RRMS',
      priorDmtFailures: 2,
      conditions: [],
      unknown: [],
    },
    events: [
      ...['2025-01-06', '2025-01-07', '2025-01-08', '2025-01-09', '2025-01-10'].map((date) => ({
        type: 'infusion' as const,
        date,
        doseMg: 12,
      })),
      ...events,
    ],
  };
}
