// Sign-in. On success the app sends each role to its home (routes.ts homeOf), or back to the page
// that asked for sign-in. Errors name the field the API named.
import { useState } from 'react';
import { Form } from 'react-aria-components';
import { ApiError, messageOfError, remedy } from '../api/errors.js';
import { useSession } from '../app/session.js';
import { Button } from '../ui/Button.js';
import { ErrorState } from '../ui/Card.js';
import { Field } from '../ui/Field.js';
import styles from './SignIn.module.css';

export function SignIn({ expired }: { expired: boolean }) {
  const { signIn } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const fields = error instanceof ApiError ? error.fieldErrors() : {};

  const submit = () => {
    setBusy(true);
    setError(undefined);
    signIn(email, password).then(
      () => {
        setBusy(false);
      },
      (err: unknown) => {
        setBusy(false);
        setError(err);
      },
    );
  };

  return (
    <main className={styles.page}>
      <div className={styles.panel}>
        <div className={styles.brand}>Vigil</div>
        <p className={styles.lead}>The alemtuzumab REMS program. Sign in to continue.</p>
        {expired && error === undefined && (
          <ErrorState
            title="Your session ended"
            message="You were signed out after a period without activity."
            action="Sign in again to continue where you were."
          />
        )}
        {error !== undefined && Object.keys(fields).length === 0 && (
          <ErrorState title="Sign-in failed" message={messageOfError(error)} action={remedy(error)} />
        )}
        <Form
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <Field
            label="Email"
            type="email"
            name="email"
            autoComplete="username"
            isRequired
            value={email}
            onChange={setEmail}
            error={fields.email}
          />
          <Field
            label="Password"
            type="password"
            name="password"
            autoComplete="current-password"
            isRequired
            value={password}
            onChange={setPassword}
            error={fields.password}
          />
          <Button type="submit" wide isDisabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </Button>
        </Form>
      </div>
    </main>
  );
}
