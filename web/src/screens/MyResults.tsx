// My results (issue #6; rems.md: a patient sees their "own results"): each result with its plain
// name, the value as the lab reported it, the lab's usual range and where the value stands, in
// neutral words and colors. Whether a result needs action is the care team's call (and the API's
// alerts'), said at the top so a value outside a range does not alarm without context.
import { useState } from 'react';
import { api, type LabResult } from '../api/api.js';
import { usePrincipal } from '../app/session.js';
import { analyteAbout, analyteName, rangePlace, rangeText, rangeWords } from '../lib/my-results.js';
import { useLoad } from '../lib/use-load.js';
import { Card, EmptyState } from '../ui/Card.js';
import { CursorPager, Table, type Column } from '../ui/Table.js';
import { formatDate, Loaded } from './common.js';
import { notLinked } from './MyQuestionnaire.js';
import styles from './Patient.module.css';

const PAGE_SIZE = 25;

const COLUMNS: Column<LabResult>[] = [
  {
    key: 'date',
    header: 'Date',
    render: (r) => <span style={{ whiteSpace: 'nowrap' }}>{formatDate(r.effectiveDate)}</span>,
  },
  {
    key: 'test',
    header: 'Test',
    render: (r) => {
      const about = analyteAbout(r.analyte);
      return (
        <>
          <strong>{analyteName(r.analyte)}</strong>
          {about !== undefined && (
            <>
              <br />
              <span className={styles.muted}>{about}</span>
            </>
          )}
        </>
      );
    },
  },
  { key: 'value', header: 'Your result', render: (r) => `${r.value} ${r.unit}` },
  { key: 'range', header: 'Lab’s usual range', render: (r) => rangeText(r) || '—' },
  { key: 'place', header: 'Compared with the range', render: (r) => rangeWords(rangePlace(r)) },
];

export function MyResults() {
  const patientId = usePrincipal().patientId;
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const pageIndex = cursors.length - 1;
  const cursor = cursors[pageIndex];
  const [load, reload] = useLoad(
    () =>
      patientId === null
        ? notLinked()
        : api.labResults(patientId, { limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) }),
    `${patientId ?? ''}|${cursor ?? ''}`,
  );
  return (
    <>
      <h1>My results</h1>
      <Card>
        <p className={styles.lead}>
          Your care team reviews every result. A value outside the lab’s usual range is common after this
          treatment and does not always mean something is wrong; if a result needs action, your care team
          contacts you.
        </p>
      </Card>
      <Card>
        <Loaded load={load} what="your results" retry={reload} lines={8}>
          {(page) => (
            <Table
              caption="Your test results"
              columns={COLUMNS}
              rows={page.items}
              rowKey={(r) => r.id}
              empty={
                <EmptyState title="No results yet">Results appear here once the lab sends them.</EmptyState>
              }
              footer={
                <CursorPager
                  label={`Page ${pageIndex + 1}`}
                  hasPrevious={pageIndex > 0}
                  hasNext={page.nextCursor !== null}
                  onPrevious={() => {
                    setCursors(cursors.slice(0, -1));
                  }}
                  onNext={() => {
                    if (page.nextCursor !== null) {
                      setCursors([...cursors, page.nextCursor]);
                    }
                  }}
                />
              }
            />
          )}
        </Loaded>
      </Card>
    </>
  );
}
