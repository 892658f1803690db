// My results (issue #6; rems.md: a patient sees their "own results"): grouped by the day the
// sample was taken, each result with its plain name, the value as the lab reported it, the lab's
// usual range and where the value stands, in neutral words and colors. Whether a result needs
// action is the care team's call (and the API's alerts'), said at the top so a value outside a
// range does not alarm without context. A list, not a table, so it reads on a phone.
import { useState } from 'react';
import { allPages, api, MAX_PAGE, type LabResult } from '../api/api.js';
import { usePrincipal } from '../app/session.js';
import {
  analyteAbout,
  analyteName,
  byDay,
  rangePlace,
  rangeText,
  rangeWords,
  unitText,
} from '../lib/my-results.js';
import { useLoad } from '../lib/use-load.js';
import { CursorPager } from '../ui/Table.js';
import { Card, EmptyState } from '../ui/Card.js';
import { formatDate, Loaded } from './common.js';
import { notLinked } from './MyQuestionnaire.js';
import styles from './Patient.module.css';

/** Days of results per page. */
const DAYS_PER_PAGE = 4;

function Result({ r }: { r: LabResult }) {
  const about = analyteAbout(r.analyte);
  const range = rangeText(r);
  return (
    <li>
      <div className={styles.itemHead}>
        <strong>{analyteName(r.analyte)}</strong>
        <span>
          {r.value} {unitText(r.unit)}
        </span>
      </div>
      <span className={styles.muted}>
        {rangeWords(rangePlace(r))}
        {range === '' ? '' : ` (${range} ${unitText(r.unit)})`}.{about === undefined ? '' : ` ${about}`}
      </span>
    </li>
  );
}

export function MyResults() {
  const patientId = usePrincipal().patientId;
  const [page, setPage] = useState(0);
  const [load, reload] = useLoad(
    () =>
      patientId === null
        ? notLinked()
        : allPages((cursor) => api.labResults(patientId, { limit: MAX_PAGE, ...(cursor ? { cursor } : {}) })),
    patientId ?? '',
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
      <Loaded load={load} what="your results" retry={reload} lines={8}>
        {({ items, truncated }) => {
          const days = byDay(items);
          if (days.length === 0) {
            return (
              <Card>
                <EmptyState title="No results yet">Results appear here once the lab sends them.</EmptyState>
              </Card>
            );
          }
          const pages = Math.ceil(days.length / DAYS_PER_PAGE);
          const current = Math.min(page, pages - 1);
          const shown = days.slice(current * DAYS_PER_PAGE, (current + 1) * DAYS_PER_PAGE);
          return (
            <>
              {shown.map((day) => (
                <Card key={day.date} title={`Taken ${formatDate(day.date)}`}>
                  <ul className={styles.items}>
                    {day.results.map((r) => (
                      <Result key={r.id} r={r} />
                    ))}
                  </ul>
                </Card>
              ))}
              {truncated && (
                <p className={styles.muted}>
                  Only your most recent results are shown. Ask your care team for older ones.
                </p>
              )}
              {pages > 1 && (
                <CursorPager
                  label={`Page ${current + 1} of ${pages}`}
                  hasPrevious={current > 0}
                  hasNext={current < pages - 1}
                  onPrevious={() => {
                    setPage(current - 1);
                  }}
                  onNext={() => {
                    setPage(current + 1);
                  }}
                />
              )}
            </>
          );
        }}
      </Loaded>
    </>
  );
}
