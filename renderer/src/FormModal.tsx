/**
 * A form in a dialog (new person, new or edited organisation). Closing it with entries not yet saved —
 * Escape, the close button, a click beside it — asks first; the form's own Cancel button discards at once,
 * because pressing it is already the decision.
 */
import { Modal, type ModalProps } from '@mantine/core';
import { useCallback, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from './ConfirmModal';

export interface FormModalProps {
  opened: boolean;
  title: string;
  onClose(): void;
  size?: ModalProps['size'];
  /** The form; it reports whether it holds unsaved entries. */
  children(onDirtyChange: (dirty: boolean) => void): ReactNode;
}

export function FormModal({ opened, title, onClose, size = 'xl', children }: FormModalProps) {
  const { t } = useTranslation();
  const dirty = useRef(false);
  const [asking, setAsking] = useState(false);
  const onDirtyChange = useCallback((d: boolean) => {
    dirty.current = d;
  }, []);
  const close = (): void => {
    dirty.current = false;
    setAsking(false);
    onClose();
  };

  return (
    <>
      {/* While the question is open, Escape belongs to it alone (Mantine would close both on one key press). */}
      <Modal
        opened={opened}
        onClose={() => (dirty.current ? setAsking(true) : close())}
        closeOnEscape={!asking}
        title={title}
        size={size}
        centered
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {opened && children(onDirtyChange)}
      </Modal>
      <ConfirmModal
        opened={asking}
        title={t('forms.unsavedTitle')}
        cancelLabel={t('forms.keep')}
        confirmLabel={t('forms.discard')}
        confirmColor="red"
        onCancel={() => setAsking(false)}
        onConfirm={close}
      >
        {t('forms.unsavedBody')}
      </ConfirmModal>
    </>
  );
}
