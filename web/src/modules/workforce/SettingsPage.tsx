/**
 * 入职查询设置 (workforce.configure, 区民政局): how long a clear answer is valid, the reminders'
 * lead times, and from which day accounts linked to no ledger person are suspended.
 */
import { useEffect } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, InputNumber } from 'antd';
import { ErrorResult } from '../../components/ErrorResult';
import { FullPageSpin } from '../../components/FullPageSpin';
import { PageHeader } from '../../components/PageHeader';
import { useApiError } from '../../hooks/useApiError';
import { useT } from '../../i18n/useT';
import { workforceApi, workforceKeys } from './api';

interface SettingsForm {
  validityMonths: number;
  remindDays: string;
  enforceFrom?: string;
}

export default function SettingsPage() {
  const t = useT();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<SettingsForm>();
  const settings = useQuery({ queryKey: workforceKeys.settings, queryFn: workforceApi.settings });
  useEffect(() => {
    if (settings.data)
      form.setFieldsValue({
        validityMonths: settings.data.validityMonths,
        remindDays: settings.data.remindDays.join(', '),
        enforceFrom: settings.data.enforceFrom ?? undefined,
      });
  }, [settings.data, form]);
  if (settings.error) return <ErrorResult error={settings.error} onRetry={() => void settings.refetch()} />;
  if (!settings.data) return <FullPageSpin />;
  const days = (s: string) =>
    s
      .split(/[,，\s]+/)
      .filter(Boolean)
      .map(Number);
  return (
    <>
      <PageHeader title={t('workforce.nav.settings')} />
      <Card style={{ maxWidth: 560 }}>
        <Form<SettingsForm>
          form={form}
          layout="vertical"
          onFinish={async (v) => {
            try {
              await workforceApi.saveSettings({ validityMonths: v.validityMonths, remindDays: days(v.remindDays), enforceFrom: v.enforceFrom || null });
              void message.success(t('workforce.saved'));
              await qc.invalidateQueries({ queryKey: workforceKeys.all });
            } catch (err) {
              showError(err, form);
            }
          }}
        >
          <Form.Item
            name="validityMonths"
            label={t('workforce.settings.validity')}
            rules={[{ required: true, message: t('workforce.required', { label: t('workforce.settings.validity') }) }]}
          >
            <InputNumber min={1} max={60} precision={0} />
          </Form.Item>
          <Form.Item
            name="remindDays"
            label={t('workforce.settings.remind')}
            rules={[
              {
                validator: async (_, v: string | undefined) => {
                  const d = days(v ?? '');
                  if (!d.length || d.some((x) => !Number.isInteger(x) || x < 0 || x > 365)) throw new Error(t('workforce.settings.remindInvalid'));
                },
              },
            ]}
          >
            <Input placeholder="30, 7" />
          </Form.Item>
          <Form.Item name="enforceFrom" label={t('workforce.settings.enforce')} extra={t('workforce.settings.enforceHelp')}>
            <Input type="date" style={{ maxWidth: 200 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {t('common.save')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
