/**
 * A modal around one form sent to the API: OK submits the form, the modal shows the request running, and
 * the server's error (useServerForm's errorAlert) stands above the form, below an optional intro.
 */
import { Modal, type FormInstance, type ModalProps } from 'antd';
import type { ReactNode } from 'react';

interface Props extends Omit<ModalProps, 'open' | 'onOk' | 'onCancel' | 'confirmLoading' | 'destroyOnHidden'> {
  form: FormInstance;
  pending: boolean;
  errorAlert: ReactNode;
  onClose: () => void;
  intro?: ReactNode;
}

export function FormModal({ form, pending, errorAlert, onClose, intro, okText = '保存', children, ...rest }: Props) {
  return (
    <Modal open okText={okText} onOk={() => form.submit()} confirmLoading={pending} onCancel={onClose} destroyOnHidden {...rest}>
      {intro}
      {errorAlert}
      {children}
    </Modal>
  );
}
