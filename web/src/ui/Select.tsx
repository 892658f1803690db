// A labelled single choice from a list (react-aria Select: a button and a listbox popover, usable
// with the keyboard and announced as a combobox-like picker), with the API's message for it.
import {
  Button as AriaButton,
  FieldError,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Select as AriaSelect,
  SelectValue,
  Text,
  type Key,
} from 'react-aria-components';
import fieldStyles from './Field.module.css';
import styles from './Select.module.css';

export interface SelectOption {
  id: string;
  label: string;
}

export function Select(props: {
  label: string;
  options: readonly SelectOption[];
  value: string | null;
  onChange: (id: string) => void;
  description?: string;
  error?: string | undefined;
  placeholder?: string;
}) {
  return (
    <AriaSelect
      className={fieldStyles.field}
      value={props.value}
      onChange={(key: Key | null) => {
        if (key !== null) {
          props.onChange(String(key));
        }
      }}
      isInvalid={props.error !== undefined}
      placeholder={props.placeholder ?? 'Choose…'}
    >
      <Label className={fieldStyles.label}>{props.label}</Label>
      <AriaButton className={`${fieldStyles.input} ${styles.trigger}`}>
        <SelectValue />
        <span aria-hidden="true">▾</span>
      </AriaButton>
      {props.description && (
        <Text slot="description" className={fieldStyles.description}>
          {props.description}
        </Text>
      )}
      <FieldError className={fieldStyles.error}>{props.error}</FieldError>
      <Popover className={styles.popover}>
        <ListBox className={styles.list}>
          {props.options.map((o) => (
            <ListBoxItem key={o.id} id={o.id} className={styles.item} textValue={o.label}>
              {o.label}
            </ListBoxItem>
          ))}
        </ListBox>
      </Popover>
    </AriaSelect>
  );
}
