// Buttons: react-aria's Button (press, keyboard and focus-visible handled the same way on every
// input device) in four variants.
import { Button as AriaButton, type ButtonProps as AriaButtonProps } from 'react-aria-components';
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
