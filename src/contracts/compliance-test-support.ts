// A compliance report to test its views with (the CSV, the labels, the web dashboard's chart):
// one prescriber with a measured and an empty month and a name that needs quoting, one with no
// months at all.
import type { ComplianceReport } from './program-oversight.js';

export const SAMPLE_COMPLIANCE_REPORT: ComplianceReport = {
  asOf: '2026-02-10',
  months: ['2026-01', '2026-02'],
  overall: { kind: 'measured', due: 4, satisfied: 2, share: 0.5 },
  prescribers: [
    {
      membershipId: 'mem_aaaaaaaaaaaaaaaaaaaaaaaaaa',
      name: 'Okafor, Maya (Lakeside "North")',
      patients: 4,
      total: { kind: 'measured', due: 3, satisfied: 2, share: 2 / 3 },
      months: [
        { month: '2026-01', adherence: { kind: 'measured', due: 2, satisfied: 2, share: 1 } },
        { month: '2026-02', adherence: { kind: 'none-due' } },
      ],
      overdue: 1,
      statusFormsOverdue: 0,
    },
    {
      membershipId: 'mem_bbbbbbbbbbbbbbbbbbbbbbbbbb',
      name: 'Reyes, Ana',
      patients: 2,
      total: { kind: 'measured', due: 1, satisfied: 0, share: 0 },
      months: [],
      overdue: 2,
      statusFormsOverdue: 1,
    },
  ],
  overdueByTest: [],
  openAlertsByAge: [],
  adverseEvents: [],
};
