import { Link } from 'react-aria-components';
import { homeOf } from '../app/routes.js';
import { usePrincipal } from '../app/session.js';
import { Card, EmptyState } from '../ui/Card.js';

export function NotFound() {
  const principal = usePrincipal();
  return (
    <Card>
      <EmptyState title="There is no such page">
        <p>
          The address may be mistyped, or the page is not for your role.{' '}
          <Link href={homeOf(principal.role)}>Go to your home page</Link>.
        </p>
      </EmptyState>
    </Card>
  );
}

/** A role whose screens wait on API routes that do not exist yet (pharmacist: dispense check). */
export function NotYet() {
  return (
    <Card title="Dispensing">
      <EmptyState title="Not available here yet">
        <p>
          Dispense-authorization checks are not in the web app yet. Use the API (see /docs) or contact the
          program administrator.
        </p>
      </EmptyState>
    </Card>
  );
}
