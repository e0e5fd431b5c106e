/**
 * A question asked on top of a drawer or another dialog ("discard your entries?", "withdraw consent?"):
 * a body text, an optional dimmed note, and two buttons — stay (focused first) on the left, go ahead on
 * the right.
 */
import { Button, Group, Modal, Text, type MantineColor } from '@mantine/core';
import { useEffect, useRef, type ReactNode } from 'react';

export interface ConfirmModalProps {
  opened: boolean;
  title: string;
  /** The question itself. */
  children: ReactNode;
  /** Said below the question, dimmed: what follows from answering it. */
  note?: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  confirmColor: MantineColor;
  /** While the confirmed action runs: the confirm button spins, the cancel button waits. */
  busy?: boolean;
  onConfirm(): void;
  /** Cancel button, Escape, the close button and a click beside the question. */
  onCancel(): void;
}

export function ConfirmModal({ opened, title, children, note, confirmLabel, cancelLabel, confirmColor, busy = false, onConfirm, onCancel }: ConfirmModalProps) {
  // Escape is answered here by hand ("cancel") with Mantine's own handler off: that handler listens on the
  // window, so it would also close the drawer or dialog behind the question. It is caught on the window
  // before anyone else, wherever the focus is: right after the question opens the focus may still be in
  // the form behind it, and Escape pressed then must answer the question too. Listening starts after the
  // render that opened it, so the key press that asked the question does not close it again at once.
  const cancel = useRef(onCancel);
  cancel.current = onCancel;
  useEffect(() => {
    if (!opened) return;
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== 'Escape') return;
      e.stopImmediatePropagation();
      e.preventDefault();
      cancel.current();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [opened]);
  return (
    <Modal
      opened={opened}
      onClose={onCancel}
      closeOnEscape={false}
      title={title}
      centered
      zIndex={400}
    >
      <Text size="sm" mb={note === undefined ? 'lg' : 'sm'}>
        {children}
      </Text>
      {note !== undefined && (
        <Text size="sm" c="dimmed" mb="lg">
          {note}
        </Text>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel} disabled={busy} data-autofocus>
          {cancelLabel}
        </Button>
        <Button color={confirmColor} onClick={onConfirm} loading={busy}>
          {confirmLabel}
        </Button>
      </Group>
    </Modal>
  );
}
