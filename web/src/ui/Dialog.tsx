// A modal dialog opened by a trigger button (react-aria: focus trapped and restored, Escape
// closes, announced with its title), in the app's one dialog style.
import type { ReactElement, ReactNode } from 'react';
import { Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from 'react-aria-components';
import styles from './Dialog.module.css';

export function ModalDialog(props: {
  trigger: ReactElement;
  title: string;
  onOpenChange?: (open: boolean) => void;
  children: (close: () => void) => ReactNode;
}) {
  return (
    <DialogTrigger {...(props.onOpenChange ? { onOpenChange: props.onOpenChange } : {})}>
      {props.trigger}
      <ModalOverlay className={styles.overlay} isDismissable>
        <Modal className={styles.modal}>
          <Dialog className={styles.dialog}>
            {({ close }) => (
              <>
                <Heading slot="title" className={styles.title}>
                  {props.title}
                </Heading>
                {props.children(close)}
              </>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}
