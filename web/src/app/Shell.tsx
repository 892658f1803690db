// The frame around every signed-in screen: skip link, the role's navigation, who is signed in
// and as what, and sign-out. On a phone the navigation is one horizontally scrollable row under
// the brand (Shell.module.css), scrolled so the current screen's item is in view; every item stays
// a plain link in the tab order, so the keyboard reaches each one (focus scrolls it into view).
import { useEffect, useRef, type ReactNode } from 'react';
import { Button as AriaButton, Link } from 'react-aria-components';
import { scrollToShow } from '../lib/nav-scroll.js';
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

/** Scroll the navigation row so `item` is wholly visible (no-op when it already is). */
function reveal(item: Element): void {
  const nav = item.parentElement;
  if (!(item instanceof HTMLElement) || !nav) {
    return;
  }
  // offsetLeft is measured from the nav (position: relative), i.e. within the scrolled content.
  const to = scrollToShow(
    { left: item.offsetLeft, width: item.offsetWidth },
    { left: nav.scrollLeft, width: nav.clientWidth },
    nav.scrollWidth,
  );
  if (to !== null) {
    nav.scrollLeft = to;
  }
}

export function Shell({ children }: { children: ReactNode }) {
  const principal = usePrincipal();
  const { signOut } = useSession();
  const { path } = useRouter();
  const navRef = useRef<HTMLElement>(null);
  useEffect(() => {
    const current = navRef.current?.querySelector<HTMLElement>('[aria-current="page"]');
    if (current) {
      reveal(current);
    }
  }, [path]);
  return (
    <>
      <a className={styles.skip} href="#main">
        Skip to main content
      </a>
      <header className={styles.header}>
        <span className={styles.brand}>Vigil</span>
        <nav className={styles.nav} aria-label="Main" ref={navRef}>
          {navFor(principal.role).map((item) => (
            <Link
              key={item.path}
              href={item.path}
              className={styles.navLink}
              aria-current={path === item.path ? 'page' : undefined}
              // Tabbing to an item scrolled out of the phone's row did not bring it into view in
              // Chromium (measured in e2e/shell.test.ts): do it here.
              onFocus={(e) => {
                reveal(e.target);
              }}
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
