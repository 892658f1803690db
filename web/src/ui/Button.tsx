// Buttons: react-aria's Button (press, keyboard and focus-visible handled the same way on every
// input device) in four variants.
import type { ReactNode } from 'react';
import {
  Button as AriaButton,
  Link as AriaLink,
  type ButtonProps as AriaButtonProps,
} from 'react-aria-components';
import styles from './Button.module.css';
import { cx } from './cx.js';

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'quiet';

export interface ButtonProps extends Omit<AriaButtonProps, 'className'> {
  variant?: ButtonVariant;
  size?: 'normal' | 'small';
  /** Full width of its container (forms on narrow screens). */
  wide?: boolean;
}

export function Button({ variant = 'primary', size = 'normal', wide = false, ...props }: ButtonProps) {
  const classes = cx(styles.button, styles[variant], size === 'small' && styles.small, wide && styles.wide);
  return <AriaButton {...props} className={classes} />;
}

/**
 * A file the server sends (Content-Disposition: attachment), looking like a button. A plain link
 * with `download`: the browser fetches it with the session cookie, and react-aria's router leaves
 * a download link to the browser.
 */
export function DownloadLink(props: {
  href: string;
  variant?: ButtonVariant;
  size?: 'normal' | 'small';
  children: ReactNode;
}) {
  const { variant = 'secondary', size = 'normal' } = props;
  const classes = cx(styles.button, styles[variant], size === 'small' && styles.small);
  return (
    <AriaLink href={props.href} download className={classes}>
      {props.children}
    </AriaLink>
  );
}
