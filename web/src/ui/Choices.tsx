// Labelled choices: one of a few (radio buttons, e.g. yes / no) and any of a list (check boxes),
// on react-aria so keyboard, focus and screen readers behave the same everywhere. Each option is
// a large target (44 px) for phones.
import {
  CheckboxButton,
  CheckboxField,
  CheckboxGroup,
  FieldError,
  Label,
  RadioButton,
  RadioField,
  RadioGroup,
  Text,
} from 'react-aria-components';
import styles from './Choices.module.css';

export interface Option<V extends string> {
  value: V;
  label: string;
}

export function OneOf<V extends string>(props: {
  label: string;
  description?: string;
  options: readonly Option<V>[];
  value: V | undefined;
  onChange: (value: V) => void;
  error?: string | undefined;
  /** Options side by side (short answers like yes / no). */
  inline?: boolean;
}) {
  return (
    <RadioGroup
      className={styles.group}
      value={props.value ?? null}
      onChange={(v) => {
        const option = props.options.find((o) => o.value === v);
        if (option) {
          props.onChange(option.value);
        }
      }}
      isInvalid={props.error !== undefined}
      orientation={props.inline === true ? 'horizontal' : 'vertical'}
    >
      <Label className={styles.legend}>{props.label}</Label>
      {props.description !== undefined && (
        <Text slot="description" className={styles.description}>
          {props.description}
        </Text>
      )}
      <div className={props.inline === true ? styles.inline : styles.stack}>
        {props.options.map((o) => (
          <RadioField key={o.value} value={o.value}>
            <RadioButton className={styles.option}>
              <span className={styles.radioMark} aria-hidden="true" />
              {o.label}
            </RadioButton>
          </RadioField>
        ))}
      </div>
      <FieldError className={styles.error}>{props.error}</FieldError>
    </RadioGroup>
  );
}

export function AnyOf<V extends string>(props: {
  label: string;
  description?: string;
  options: readonly Option<V>[];
  value: readonly V[];
  onChange: (value: V[]) => void;
  error?: string | undefined;
}) {
  return (
    <CheckboxGroup
      className={styles.group}
      value={[...props.value]}
      onChange={(values) => {
        props.onChange(props.options.filter((o) => values.includes(o.value)).map((o) => o.value));
      }}
      isInvalid={props.error !== undefined}
    >
      <Label className={styles.legend}>{props.label}</Label>
      {props.description !== undefined && (
        <Text slot="description" className={styles.description}>
          {props.description}
        </Text>
      )}
      <div className={styles.stack}>
        {props.options.map((o) => (
          <CheckboxField key={o.value} value={o.value}>
            <CheckboxButton className={styles.option}>
              <span className={styles.checkMark} aria-hidden="true" />
              {o.label}
            </CheckboxButton>
          </CheckboxField>
        ))}
      </div>
      <FieldError className={styles.error}>{props.error}</FieldError>
    </CheckboxGroup>
  );
}
