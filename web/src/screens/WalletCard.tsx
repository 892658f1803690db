// The Patient Safety Information Card as a printable page (issue #6; BASE-8): the content of GET
// /education/wallet-card laid out as credit-card-sized panels (85.6 × 54 mm) to cut out and fold
// in two, black on white when printed, with everything else on the page hidden (WalletCard.module.css).
import { Link } from 'react-aria-components';
import { api, type EducationDocument } from '../api/api.js';
import { PATHS } from '../app/routes.js';
import { useLoad } from '../lib/use-load.js';
import { Button } from '../ui/Button.js';
import { Loaded } from './common.js';
import styles from './WalletCard.module.css';

export function WalletCard() {
  const [load, reload] = useLoad(() => api.education('wallet-card'), 'wallet-card');
  return (
    <>
      <div className={styles.screenOnly}>
        <h1>Wallet card</h1>
        <p>
          Print this page, cut out the card along the dashed lines and fold it in the middle. Keep it in your
          wallet. <Link href={PATHS.myEducation}>Back to my education</Link>
        </p>
        <Button
          onPress={() => {
            window.print();
          }}
        >
          Print the card
        </Button>
      </div>
      <Loaded load={load} what="the wallet card" retry={reload} lines={6}>
        {(doc) => <Panels doc={doc} />}
      </Loaded>
    </>
  );
}

function Panels({ doc }: { doc: EducationDocument }) {
  // Two panels per card (front and back), so a card folds in two along the middle line.
  const cards: EducationDocument['sections'][] = [];
  for (let i = 0; i < doc.sections.length; i += 2) {
    cards.push(doc.sections.slice(i, i + 2));
  }
  return (
    <div className={styles.sheet} aria-label={doc.title} role="region">
      {cards.map((panels, i) => (
        <div key={i} className={styles.card}>
          {panels.map((s, j) => (
            <section key={s.heading} className={styles.panel} aria-label={s.heading}>
              {i === 0 && j === 0 && <p className={styles.title}>{doc.title}</p>}
              <h2 className={styles.heading}>{s.heading}</h2>
              {s.paragraphs.map((p) => (
                <p key={p} className={styles.text}>
                  {p}
                </p>
              ))}
            </section>
          ))}
        </div>
      ))}
      <p className={styles.version}>Program {doc.programVersion}</p>
    </div>
  );
}
