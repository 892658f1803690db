// A labelled checkbox (react-aria: keyboard, focus-visible and the invalid state announced), with
// the message the API's OperationOutcome named for it.
import type { ReactNode } from 'react';
import { CheckboxButton, CheckboxField, type CheckboxFieldProps } from 'react-aria-components';
import styles from './Checkbox.module.css';

export interface CheckboxProps extends Omit<CheckboxFieldProps, 'className' | 'children' | 'isInvalid'> {
  children: ReactNode;
  error?: string | undefined;
}

export function Checkbox({ children, error, ...props }: CheckboxProps) {
  return (
    <CheckboxField {...props} className={styles.wrap} isInvalid={error !== undefined}>
      <CheckboxButton className={styles.checkbox}>
        <span className={styles.box} aria-hidden="true">
          <svg viewBox="0 0 18 18" className={styles.check}>
            <polyline points="3 9 7 13 15 5" />
          </svg>
        </span>
        <span>{children}</span>
      </CheckboxButton>
      {error !== undefined && (
        <span className={styles.error} role="alert">
          {error}
        </span>
      )}
    </CheckboxField>
  );
}
