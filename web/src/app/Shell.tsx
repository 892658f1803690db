// The frame around every signed-in screen: skip link, the role's navigation, who is signed in
// and as what, and sign-out.
import type { ReactNode } from 'react';
import { Button as AriaButton, Link } from 'react-aria-components';
import { navFor } from './routes.js';
import { useRouter } from './router.js';
import { usePrincipal, useSession } from './session.js';
import styles from './Shell.module.css';

const ROLE_LABEL: Record<string, string> = {
  admin: 'Program administrator',
  prescriber: 'Prescriber',
  delegate: 'Delegate',
  nurse: 'Infusion nurse',
  pharmacist: 'Pharmacist',
  patient: 'Patient',
  system: 'System',
};

export function Shell({ children }: { children: ReactNode }) {
  const principal = usePrincipal();
  const { signOut } = useSession();
  const { path } = useRouter();
  return (
    <>
      <a className={styles.skip} href="#main">
        Skip to main content
      </a>
      <header className={styles.header}>
        <span className={styles.brand}>Vigil</span>
        <nav className={styles.nav} aria-label="Main">
          {navFor(principal.role).map((item) => (
            <Link
              key={item.path}
              href={item.path}
              className={styles.navLink}
              aria-current={path === item.path ? 'page' : undefined}
            >
              {item.label}
            </Link>
          ))}
        </nav>
        <div className={styles.user}>
          <span className={styles.userName}>
            {principal.displayName} · {ROLE_LABEL[principal.role] ?? principal.role}
          </span>
          <AriaButton
            className={styles.signOut}
            onPress={() => {
              void signOut();
            }}
          >
            Sign out
          </AriaButton>
        </div>
      </header>
      <main id="main" className={styles.main} tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
