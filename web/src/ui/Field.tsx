// A labelled text field: label, optional description, the input (or a multi-line text area) and
// the error the server or the form named for it, all tied together for assistive technology.
import {
  FieldError,
  Input,
  Label,
  Text,
  TextArea,
  TextField,
  type TextFieldProps,
} from 'react-aria-components';
import styles from './Field.module.css';

export interface FieldProps extends Omit<TextFieldProps, 'className' | 'isInvalid'> {
  label: string;
  description?: string;
  /** A message from validation or from the API's OperationOutcome naming this field. */
  error?: string | undefined;
  multiline?: boolean;
  placeholder?: string;
}

export function Field({ label, description, error, multiline = false, placeholder, ...props }: FieldProps) {
  return (
    <TextField {...props} className={styles.field} isInvalid={error !== undefined}>
      <Label className={styles.label}>{label}</Label>
      {multiline ? (
        <TextArea className={styles.input} placeholder={placeholder} />
      ) : (
        <Input className={styles.input} placeholder={placeholder} />
      )}
      {description && (
        <Text slot="description" className={styles.description}>
          {description}
        </Text>
      )}
      <FieldError className={styles.error}>{error}</FieldError>
    </TextField>
  );
}
