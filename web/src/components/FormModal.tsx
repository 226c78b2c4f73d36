import { useState, type ReactNode } from 'react';
import { Form, Modal, type FormInstance, type FormProps } from 'antd';
import { useApiError } from '../hooks/useApiError';
import { useT } from '../i18n/useT';

type FormModalProps<V> = Omit<FormProps<V>, 'form' | 'onFinish' | 'children' | 'title'> & {
  form: FormInstance<V>;
  title: ReactNode;
  onClose: () => void;
  /** Saves the values (and says so); the OK button spins meanwhile, and a failure shows under the fields or as a message. */
  onSubmit: (values: V) => Promise<void>;
  /** The OK button's text; 保存 unless given. */
  okText?: ReactNode;
  width?: number;
  /** Shown above the form (a hint, an alert). */
  intro?: ReactNode;
  children: ReactNode;
};

/** A modal holding one form: 保存/取消, submit through the OK button, API errors shown by useApiError. */
export function FormModal<V>({ form, title, onClose, onSubmit, okText, width, intro, children, ...formProps }: FormModalProps<V>) {
  const t = useT();
  const showError = useApiError();
  const [saving, setSaving] = useState(false);

  const submit = async (values: V) => {
    setSaving(true);
    try {
      await onSubmit(values);
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={title}
      width={width}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={okText ?? t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      destroyOnHidden
    >
      {intro}
      <Form<V> form={form} onFinish={submit} {...formProps}>
        {children}
      </Form>
    </Modal>
  );
}
