import { useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, InputNumber, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { FormModal } from '../../components/FormModal';
import { useT } from '../../i18n/useT';
import { AID_KINDS, charityApi, charityKeys, type AidKind, type CharityProject } from './api';
import { aidKindName } from './labels';

type Values = { givenOn: Dayjs; kind: AidKind; amount?: number | null; description?: string };

/** Records one aid given to a child from a project (the server checks the period, amount, capacity and match). */
export function AidFormModal({ project, child, onClose }: { project: CharityProject; child: { childId: string; name: string }; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  return (
    <FormModal<Values>
      form={form}
      title={t('charity.record.title', { name: child.name })}
      onClose={onClose}
      layout="vertical"
      initialValues={{ givenOn: dayjs(), kind: project.aidKind, amount: project.amountPerChild }}
      onSubmit={async (v) => {
        await charityApi.recordAid({
          projectId: project.id,
          childId: child.childId,
          givenOn: v.givenOn.format('YYYY-MM-DD'),
          kind: v.kind,
          amount: v.amount ?? null,
          description: v.description || null,
        });
        void message.success(t('charity.record.saved'));
        await qc.invalidateQueries({ queryKey: charityKeys.all });
        onClose();
      }}
    >
      <Form.Item
        name="givenOn"
        label={t('charity.record.givenOn')}
        rules={[
          { required: true, message: t('charity.form.required', { label: t('charity.record.givenOn') }) },
          {
            validator: async (_, v: Dayjs | undefined) => {
              if (v && v.isAfter(dayjs(), 'day')) throw new Error(t('charity.record.future'));
            },
          },
        ]}
      >
        <DatePicker format="YYYY-MM-DD" style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
      </Form.Item>
      <Form.Item name="kind" label={t('charity.col.kind')} rules={[{ required: true }]}>
        <Radio.Group options={AID_KINDS.map((k) => ({ value: k, label: aidKindName(k) }))} optionType="button" />
      </Form.Item>
      <Form.Item
        name="amount"
        label={t('charity.record.amount')}
        extra={project.amountPerChild !== null ? t('charity.record.amountMax', { n: project.amountPerChild }) : undefined}
      >
        <InputNumber min={0} max={project.amountPerChild ?? 99999999} precision={2} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="description" label={t('charity.record.description')}>
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
    </FormModal>
  );
}
