/**
 * Buttons the children list page places next to its table: export the current list to Excel
 * (masked by default; the full identity numbers only with the permission and a stated reason), and
 * a link to the import page.
 */
import { useState } from 'react';
import { Alert, App, Button, Form, Input, Radio, Space, Typography } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import type { ChildFilters } from '@common/children';
import { useAuth } from '../../auth/useAuth';
import { FormModal } from '../../components/FormModal';
import { useT } from '../../i18n/useT';
import { filesApi } from './api';

interface ExportForm {
  mode: 'masked' | 'unmasked';
  reason?: string;
}

/** 导出 Excel: asks masked or full identity numbers (with a reason), builds the file, downloads it. */
export function ExportButton({ filters }: { filters: Partial<ChildFilters> }) {
  const t = useT();
  const { can } = useAuth();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<ExportForm>();
  const mode = Form.useWatch('mode', form);
  if (!can('children.export')) return null;

  // A failure is shown by FormModal (under the reason, or as a message).
  const run = async (values: ExportForm) => {
    const unmasked = values.mode === 'unmasked';
    const created = await filesApi.exportChildren({ filters, unmasked, reason: unmasked ? values.reason : undefined });
    await filesApi.downloadExport(created);
    void message.success(t('files.export.done', { rows: created.rows }));
    setOpen(false);
    form.resetFields();
  };

  return (
    <>
      <Button icon={<DownloadOutlined />} onClick={() => setOpen(true)}>
        {t('files.export.button')}
      </Button>
      {open ? (
        <FormModal<ExportForm>
          form={form}
          title={t('files.export.title')}
          onClose={() => setOpen(false)}
          onSubmit={run}
          okText={t('files.export.ok')}
          intro={<Typography.Paragraph type="secondary">{t('files.export.intro')}</Typography.Paragraph>}
          layout="vertical"
          initialValues={{ mode: 'masked' }}
          requiredMark={false}
        >
          <Form.Item name="mode" label={t('files.export.idNumbers')}>
            <Radio.Group>
              <Space direction="vertical">
                <Radio value="masked">{t('files.export.masked')}</Radio>
                <Radio value="unmasked" disabled={!can('children.unmask')}>
                  {t('files.export.unmasked')}
                  {can('children.unmask') ? null : <Typography.Text type="secondary">{t('files.export.noUnmask')}</Typography.Text>}
                </Radio>
              </Space>
            </Radio.Group>
          </Form.Item>
          {mode === 'unmasked' ? (
            <>
              <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('files.export.unmaskedWarning')} />
              <Form.Item
                name="reason"
                label={t('files.export.reason')}
                rules={[{ required: true, whitespace: true, min: 2, message: t('files.export.reasonRequired') }]}
              >
                <Input.TextArea rows={2} maxLength={200} showCount placeholder={t('files.export.reasonPlaceholder')} />
              </Form.Item>
            </>
          ) : null}
        </FormModal>
      ) : null}
    </>
  );
}

/** 批量导入: opens the import page (only for those who may import). */
export function ImportLink() {
  const t = useT();
  const { can } = useAuth();
  const navigate = useNavigate();
  if (!can('children.import')) return null;
  return (
    <Button icon={<UploadOutlined />} onClick={() => navigate('/children/import')}>
      {t('files.import.link')}
    </Button>
  );
}
