// My education (issue #6): the Patient Guide and the patient FAQ (written in Vigil's own words;
// served by GET /education/:id from src/rems/education.ts so every client shows the same text),
// and the way to the printable wallet card.
import { Link } from 'react-aria-components';
import { api, type EducationDocument } from '../api/api.js';
import { PATHS } from '../app/routes.js';
import { useLoad } from '../lib/use-load.js';
import { Card } from '../ui/Card.js';
import { Loaded } from './common.js';
import styles from './Patient.module.css';

function Rules({ rules }: { rules: readonly string[] }) {
  return <p className={styles.rules}>Program rules: {rules.join(', ')}</p>;
}

export function MyEducation() {
  const [guide, reloadGuide] = useLoad(() => api.education('patient-guide'), 'patient-guide');
  const [faq, reloadFaq] = useLoad(() => api.education('patient-faq'), 'patient-faq');
  return (
    <>
      <h1>My education</h1>
      <Card title="Patient Safety Information Card">
        <p>
          Carry the card with you and show it to anyone who treats you.{' '}
          <Link href={PATHS.walletCard}>Open the wallet card to print it</Link>.
        </p>
      </Card>
      <Loaded load={guide} what="the Patient Guide" retry={reloadGuide} lines={8}>
        {(doc) => <Guide doc={doc} />}
      </Loaded>
      <Loaded load={faq} what="the questions patients ask" retry={reloadFaq} lines={6}>
        {(doc) => <Faq doc={doc} />}
      </Loaded>
    </>
  );
}

function Guide({ doc }: { doc: EducationDocument }) {
  return (
    <Card title={doc.title}>
      {doc.sections.map((s) => (
        <section key={s.heading} className={styles.section} aria-label={s.heading}>
          <h3>{s.heading}</h3>
          {s.paragraphs.map((p) => (
            <p key={p}>{p}</p>
          ))}
          <Rules rules={s.rules} />
        </section>
      ))}
    </Card>
  );
}

function Faq({ doc }: { doc: EducationDocument }) {
  return (
    <Card title={doc.title}>
      <div className={styles.faq}>
        {doc.sections.map((s) => (
          <details key={s.heading}>
            <summary>{s.heading}</summary>
            {s.paragraphs.map((p) => (
              <p key={p}>{p}</p>
            ))}
            <Rules rules={s.rules} />
          </details>
        ))}
      </div>
    </Card>
  );
}
