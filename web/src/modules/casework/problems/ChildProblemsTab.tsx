import { useState } from 'react';
import { App, Button, DatePicker, Empty, Flex, Form, Input, List, Modal, Select, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { Problem, ProblemCategory, ProblemSeverity } from '@common/casework';
import { api, seg } from '../../../api/client';
import { useAuth } from '../../../auth/useAuth';
import { ErrorResult } from '../../../components/ErrorResult';
import { formatDate } from '../../../components/format';
import { useApi } from '../../../hooks/useApi';
import { useApiError } from '../../../hooks/useApiError';
import { useIsMobile } from '../../../hooks/useIsMobile';
import { useUnits } from '../../../hooks/useOrg';
import { useT } from '../../../i18n/useT';
import { beforeToday, CATEGORIES, categoryLabel, DATE, OverdueTag, SEVERITIES, severityLabel, SeverityTag, StatusTag, toDate } from '../shared';
import { ProblemDrawer } from './ProblemDrawer';
import { useFormDraft } from '../../../drafts/useFormDraft';

const DUE_DAYS: Record<ProblemSeverity, number> = { high: 7, medium: 14, low: 30 };

/** Child file tab 问题与解决: the child's problems (unresolved first) and registering a new one. */
export function ChildProblemsTab({ childId }: { childId: string }) {
  const t = useT();
  const { can } = useAuth();
  const { data, loading, error, reload } = useApi(() => api.get<{ items: Problem[] }>(`/api/children/${seg(childId)}/problems`), [childId]);
  const [open, setOpen] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);

  if (error && !data) return <ErrorResult error={error} onRetry={reload} />;
  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 8 }}>
        <Typography.Text type="secondary">
          {t('casework.childProblems.summary', {
            open: (data?.items ?? []).filter((p) => p.status !== 'resolved').length,
            total: data?.items.length ?? 0,
          })}
        </Typography.Text>
        {can('casework.write') ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('casework.problem.create')}
          </Button>
        ) : null}
      </Flex>
      <List<Problem>
        loading={loading}
        dataSource={data?.items}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('casework.childProblems.empty')} /> }}
        renderItem={(p) => (
          <List.Item style={{ cursor: 'pointer' }} onClick={() => setOpen(p.id)} extra={<Typography.Link>{t('casework.view')}</Typography.Link>}>
            <Flex vertical gap={4} style={{ minWidth: 0 }}>
              <Flex gap={6} wrap align="center">
                <StatusTag value={p.status} />
                <SeverityTag value={p.severity} />
                <Typography.Text type="secondary">{categoryLabel(t, p.category)}</Typography.Text>
                <OverdueTag dueOn={p.dueOn} overdue={p.overdue} />
              </Flex>
              <Typography.Text>{p.description}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('casework.problem.createdAt')} {formatDate(p.createdAt)} · {p.status === 'resolved'
                  ? `${t('casework.problem.resolvedOn')} ${formatDate(p.resolvedOn)}`
                  : `${t('casework.problem.dueOn')} ${formatDate(p.dueOn)}`}
                {p.responsibleUnitName ? ` · ${p.responsibleUnitName}` : ''}
              </Typography.Text>
            </Flex>
          </List.Item>
        )}
      />
      <ProblemDrawer id={open} onClose={() => setOpen(null)} onChanged={reload} />
      {creating ? (
        <ProblemFormModal
          childId={childId}
          onClose={() => setCreating(false)}
          onSaved={(id) => {
            setCreating(false);
            reload();
            setOpen(id);
          }}
        />
      ) : null}
    </>
  );
}

interface Values {
  description: string;
  category: ProblemCategory;
  severity: ProblemSeverity;
  responsibleUnit?: string;
  dueOn?: dayjs.Dayjs;
}

export function ProblemFormModal({ childId, onClose, onSaved }: { childId: string; onClose: () => void; onSaved: (id: string) => void }) {
  const t = useT();
  const mobile = useIsMobile();
  const showError = useApiError();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const units = useUnits();
  const severity = Form.useWatch('severity', form);
  // Kept in this browser until saved: a session timeout or a reload loses nothing (drafts/useFormDraft.ts).
  const local = useFormDraft({ form, formKey: `problem:new:${childId}`, kind: 'problem' });

  const submit = async (v: Values) => {
    setSaving(true);
    try {
      const created = await api.post<Problem>('/api/problems', {
        childId, description: v.description.trim(), category: v.category, severity: v.severity, responsibleUnit: v.responsibleUnit ?? null, dueOn: toDate(v.dueOn) ?? null,
      });
      await local.clear();
      void message.success(t('casework.saved'));
      onSaved(created.id);
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open title={t('casework.problem.create')} onCancel={onClose} onOk={() => form.submit()} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={saving} destroyOnHidden>
      <Form<Values> form={form} layout={mobile ? 'vertical' : 'horizontal'} labelCol={mobile ? undefined : { span: 6 }} onFinish={submit} onValuesChange={local.onValuesChange} initialValues={{ severity: 'medium' }}>
        <Form.Item name="description" label={t('casework.problem.description')} rules={[{ required: true, whitespace: true, message: t('casework.problem.descriptionRequired') }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t('casework.problem.descriptionPlaceholder')} />
        </Form.Item>
        <Form.Item name="category" label={t('casework.problem.category')} rules={[{ required: true, message: t('casework.problem.categoryRequired') }]}>
          <Select options={CATEGORIES.map((c) => ({ value: c, label: categoryLabel(t, c) }))} />
        </Form.Item>
        <Form.Item name="severity" label={t('casework.problem.severity')} rules={[{ required: true }]}>
          <Select options={SEVERITIES.map((s) => ({ value: s, label: severityLabel(t, s) }))} />
        </Form.Item>
        <Form.Item name="responsibleUnit" label={t('casework.problem.responsibleUnit')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('common.optional')}
            options={(units.data?.items ?? []).filter((u) => u.active).map((u) => ({ value: u.code, label: u.name }))}
          />
        </Form.Item>
        <Form.Item
          name="dueOn"
          label={t('casework.problem.dueOn')}
          extra={t('casework.problem.dueDefault', { date: dayjs().add(DUE_DAYS[severity ?? 'medium'], 'day').format(DATE) })}
        >
          <DatePicker format={DATE} disabledDate={beforeToday} style={{ width: '100%' }} inputReadOnly={mobile} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
