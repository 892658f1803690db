// A patient's own schedule (issue #6): the next blood and urine tests, the next ITP questionnaire,
// the next exam and the next course, from their verdict (GET /patients/:id/state).
import { api } from '../api/api.js';
import { usePrincipal } from '../app/session.js';
import { mySchedule, type Occurrence } from '../lib/my-schedule.js';
import { useLoad } from '../lib/use-load.js';
import { StatusBadge } from '../ui/Badge.js';
import { Card, EmptyState } from '../ui/Card.js';
import { formatDate, Loaded } from './common.js';
import styles from './PatientPage.module.css';

function When({ o }: { o: Occurrence }) {
  return (
    <li>
      <strong>{o.test}</strong> <StatusBadge status={o.status} /> due {formatDate(o.dueOn)}
      <span className={styles.muted}>
        (any day from {formatDate(o.window[0] ?? o.dueOn)} to {formatDate(o.window[1] ?? o.dueOn)})
      </span>
    </li>
  );
}

export function MySchedule() {
  const principal = usePrincipal();
  const patientId = principal.patientId;
  const [load, reload] = useLoad(
    () =>
      patientId === null
        ? Promise.reject(new Error('This account is not linked to a patient record.'))
        : api.patientState(patientId),
    patientId ?? '',
  );
  return (
    <>
      <h1>My schedule</h1>
      <Loaded load={load} what="your schedule" retry={reload} lines={6}>
        {(verdict) => {
          const s = mySchedule(verdict);
          return (
            <>
              <Card title="Next blood and urine tests">
                {s.labs.length === 0 ? (
                  <EmptyState title="No tests scheduled" />
                ) : (
                  <ul className={styles.list}>
                    {s.labs.map((o) => (
                      <When key={`${o.test}-${o.dueOn}`} o={o} />
                    ))}
                  </ul>
                )}
              </Card>
              <Card title="Next questionnaire">
                {s.questionnaire ? (
                  <ul className={styles.list}>
                    <When o={s.questionnaire} />
                  </ul>
                ) : (
                  <EmptyState title="No questionnaire due" />
                )}
              </Card>
              {s.exams.length > 0 && (
                <Card title="Next examination">
                  <ul className={styles.list}>
                    {s.exams.map((o) => (
                      <When key={`${o.test}-${o.dueOn}`} o={o} />
                    ))}
                  </ul>
                </Card>
              )}
              <Card title="Next course">
                {s.nextCourse ? (
                  <p>
                    Course {s.nextCourse.number} ({s.nextCourse.infusions} infusions) can start from{' '}
                    {formatDate(s.nextCourse.earliestStart)}. Your doctor will plan the dates with you.
                  </p>
                ) : (
                  <p>No further course is planned.</p>
                )}
                {s.monitoringEndsOn && (
                  <p>Your monitoring continues until {formatDate(s.monitoringEndsOn)}.</p>
                )}
              </Card>
            </>
          );
        }}
      </Loaded>
    </>
  );
}
