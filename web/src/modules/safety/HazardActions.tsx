/** The actions on one hazard: report the fix (responsible unit), confirm or send back (inspecting unit). */
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Popconfirm, Space } from 'antd';
import { FormModal } from '../../components/FormModal';
import { useApiError } from '../../hooks/useApiError';
import { useT } from '../../i18n/useT';
import { safetyApi, safetyKeys, type Hazard } from './api';

export function HazardActions({ hazard }: { hazard: Hazard }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const showError = useApiError();
  const [modal, setModal] = useState<'fix' | 'sendBack' | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ text: string }>();
  const done = async (text: string) => {
    void message.success(text);
    await qc.invalidateQueries({ queryKey: safetyKeys.all });
  };
  const confirm = async () => {
    setBusy(true);
    try {
      await safetyApi.confirm(hazard.id, hazard.version);
      await done(t('safety.confirm.done'));
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };
  if (!hazard.canReportFix && !hazard.canConfirm) return null;
  return (
    <Space size={4} wrap>
      {hazard.canReportFix ? (
        <Button size="small" type="primary" onClick={() => setModal('fix')}>
          {t('safety.act.fix')}
        </Button>
      ) : null}
      {hazard.canConfirm ? (
        <>
          <Popconfirm title={t('safety.confirm.ask')} description={t('safety.confirm.help')} onConfirm={() => void confirm()}>
            <Button size="small" type="primary" loading={busy}>
              {t('safety.act.confirm')}
            </Button>
          </Popconfirm>
          <Button size="small" danger onClick={() => setModal('sendBack')}>
            {t('safety.act.sendBack')}
          </Button>
        </>
      ) : null}
      {modal ? (
        <FormModal<{ text: string }>
          form={form}
          layout="vertical"
          title={modal === 'fix' ? t('safety.fix.title') : t('safety.sendBack.title')}
          onClose={() => setModal(null)}
          okText={modal === 'fix' ? t('safety.act.fix') : t('safety.act.sendBack')}
          intro={<p style={{ marginTop: 0 }}>{`${hazard.siteName}：${hazard.description}`}</p>}
          onSubmit={async (v) => {
            if (modal === 'fix') await safetyApi.reportFix(hazard.id, v.text, hazard.version);
            else await safetyApi.sendBack(hazard.id, v.text, hazard.version);
            await done(modal === 'fix' ? t('safety.fix.done') : t('safety.sendBack.done'));
            setModal(null);
          }}
        >
          <Form.Item
            name="text"
            label={modal === 'fix' ? t('safety.fix.note') : t('safety.sendBack.reason')}
            rules={[
              {
                required: true,
                whitespace: true,
                message: t('safety.required', { label: modal === 'fix' ? t('safety.fix.note') : t('safety.sendBack.reason') }),
              },
            ]}
          >
            <Input.TextArea rows={4} maxLength={modal === 'fix' ? 2000 : 500} showCount />
          </Form.Item>
        </FormModal>
      ) : null}
    </Space>
  );
}
