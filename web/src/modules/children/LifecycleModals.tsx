import { useState } from 'react';
import { App, Alert, DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useNavigate } from 'react-router';
import { ApiError } from '../../api/client';
import { useMe } from '../../auth/useAuth';
import { useApiError } from '../../hooks/useApiError';
import { useCommittees, useStreets } from '../../hooks/useOrg';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useLocalName } from '../../hooks/useLocalName';
import { useT } from '../../i18n/useT';
import { childrenApi } from './api';
import { afterToday, DATE, useCodeLabel } from './labels';
import { CLOSE_REASON_LIST, type ChildFile, type CloseInput, type CloseReason, type ReopenInput, type TransferInput } from './types';

interface Props {
  file: ChildFile;
  onClose: () => void;
  onDone: () => void;
}

/** Submits a lifecycle change; a stale version (someone changed the file meanwhile) reloads the file. */
function useLifecycleSubmit({ onClose, onDone }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const [busy, setBusy] = useState(false);
  const run = async (send: () => Promise<unknown>, done: string, form: Parameters<typeof showError>[1]) => {
    setBusy(true);
    try {
      await send();
      void message.success(done);
      onClose();
      onDone();
      return true;
    } catch (err) {
      if (err instanceof ApiError && err.code === 'VERSION_CONFLICT') {
        void message.warning(t('children.conflictReloaded'));
        onClose();
        onDone();
      } else showError(err, form);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, run };
}

const layoutProps = (mobile: boolean) =>
  mobile ? { layout: 'vertical' as const } : { layout: 'horizontal' as const, labelCol: { span: 6 }, wrapperCol: { span: 18 } };

/** 结案: a reason from the national list, the date, a note. */
export function CloseModal(props: Props) {
  const { file, onClose } = props;
  const t = useT();
  const label = useCodeLabel();
  const mobile = useIsMobile();
  const [form] = Form.useForm<{ reason: CloseReason; closedOn: Dayjs; note?: string }>();
  const { busy, run } = useLifecycleSubmit(props);

  const submit = (v: { reason: CloseReason; closedOn: Dayjs; note?: string }) => {
    const body: CloseInput = { reason: v.reason, closedOn: v.closedOn.format(DATE), note: v.note?.trim() || null, version: file.version };
    return run(() => childrenApi.close(file.id, body), t('children.closed'), form);
  };

  return (
    <Modal
      open
      title={t('children.closeTitle', { name: file.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('children.action.close')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={t('children.closeHint')} style={{ marginBottom: 16 }} />
      <Form form={form} {...layoutProps(mobile)} onFinish={submit} initialValues={{ closedOn: dayjs() }}>
        <Form.Item name="reason" label={t('children.closeReason')} rules={[{ required: true, message: t('children.closeReasonRequired') }]}>
          <Select options={CLOSE_REASON_LIST.map((r) => ({ value: r, label: label('closeReason', r) }))} />
        </Form.Item>
        <Form.Item name="closedOn" label={t('children.closedOn')} rules={[{ required: true, message: t('common.required') }]}>
          <DatePicker format={DATE} disabledDate={afterToday} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="note" label={t('children.note')}>
          <Input.TextArea rows={2} maxLength={200} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 重新开档: a closed file comes back, with the reason. */
export function ReopenModal(props: Props) {
  const { file, onClose } = props;
  const t = useT();
  const mobile = useIsMobile();
  const [form] = Form.useForm<{ note: string }>();
  const { busy, run } = useLifecycleSubmit(props);

  const submit = (v: { note: string }) => {
    const body: ReopenInput = { note: v.note.trim(), version: file.version };
    return run(() => childrenApi.reopen(file.id, body), t('children.reopened'), form);
  };

  return (
    <Modal
      open
      title={t('children.reopenTitle', { name: file.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('children.action.reopen')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form form={form} {...layoutProps(mobile)} onFinish={submit}>
        <Form.Item
          name="note"
          label={t('children.reopenReason')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('children.reopenReasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={200} showCount autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 转出: to a committee of another street; the file and its history move there. */
export function TransferModal(props: Props) {
  const { file, onClose, onDone } = props;
  const t = useT();
  const name = useLocalName();
  const mobile = useIsMobile();
  const me = useMe();
  const navigate = useNavigate();
  const { modal } = App.useApp();
  const [form] = Form.useForm<{ street: string; toCommitteeId: string; reason: string }>();
  const street = Form.useWatch('street', form);
  const streets = useStreets();
  const committees = useCommittees(street);
  const { busy, run } = useLifecycleSubmit({
    ...props,
    // The file leaves the caller's area unless they also work in the receiving street.
    onDone: () => (street && me.scope.streets.includes(street) ? onDone() : void navigate('/children')),
  });

  const submit = (v: { street: string; toCommitteeId: string; reason: string }) => {
    const streetName = name(streets.data?.items.find((s) => s.code === v.street));
    const committeeName = committees.data?.items.find((c) => c.id === v.toCommitteeId)?.name ?? '';
    modal.confirm({
      title: t('children.transferConfirm', { name: file.name, to: `${streetName} ${committeeName}` }),
      content: t('children.transferConfirmHint'),
      okText: t('children.action.transfer'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => {
        const body: TransferInput = { toCommitteeId: v.toCommitteeId, reason: v.reason.trim(), version: file.version };
        return run(() => childrenApi.transfer(file.id, body), t('children.transferred', { to: `${streetName} ${committeeName}` }), form);
      },
    });
  };

  return (
    <Modal
      open
      title={t('children.transferTitle', { name: file.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('children.action.transfer')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      destroyOnHidden
      width={600}
    >
      <Alert type="info" showIcon title={t('children.transferHint', { from: `${file.streetName} ${file.committeeName}` })} style={{ marginBottom: 16 }} />
      <Form
        form={form}
        {...layoutProps(mobile)}
        onFinish={submit}
        onValuesChange={(c: { street?: string }) => {
          if ('street' in c) form.setFieldValue('toCommitteeId', undefined);
        }}
      >
        <Form.Item name="street" label={t('children.transferStreet')} rules={[{ required: true, message: t('children.transferStreetRequired') }]}>
          <Select
            loading={streets.loading}
            options={(streets.data?.items ?? []).filter((s) => s.code !== file.streetCode).map((s) => ({ value: s.code, label: name(s) }))}
          />
        </Form.Item>
        <Form.Item name="toCommitteeId" label={t('children.transferCommittee')} rules={[{ required: true, message: t('children.transferCommitteeRequired') }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            disabled={!street}
            placeholder={street ? undefined : t('children.pickStreetFirst')}
            loading={committees.loading}
            options={(committees.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('children.transferReason')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('children.transferReasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={200} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
