/**
 * 登记检查: one site, a checklist for its kind (latest version), each item 符合 / 存在问题 / 不适用
 * with a note; an item with an issue records its hazard (description, severity, the unit to fix it —
 * the site's responsible unit unless changed — and a deadline not in the past). Submitted at once
 * with its hazards; the server refuses a site outside the remit or a date in the future.
 */
import { useMemo, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Flex, Form, Input, Radio, Select, Space, Spin, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate, useParams } from 'react-router';
import { ErrorResult } from '../../components/ErrorResult';
import { PageHeader } from '../../components/PageHeader';
import { useApiError } from '../../hooks/useApiError';
import { useT } from '../../i18n/useT';
import { SEVERITIES, safetyApi, safetyKeys, type Checklist, type ItemResult, type Severity } from './api';
import { KindTag } from './labels';

interface ItemForm {
  result?: ItemResult;
  note?: string;
  description?: string;
  severity?: Severity;
  responsibleUnitCode?: string;
  deadline?: Dayjs;
}
interface InspectForm {
  inspectedOn: Dayjs;
  checklistCode: string;
  findings?: string;
  items: Record<string, ItemForm>;
}

export default function InspectPage() {
  const t = useT();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<InspectForm>();
  const [saving, setSaving] = useState(false);
  const site = useQuery({ queryKey: safetyKeys.site(id), queryFn: () => safetyApi.site(id) });
  const kind = site.data?.kind;
  const lists = useQuery({
    queryKey: safetyKeys.checklists({ siteKind: kind }),
    queryFn: () => safetyApi.checklists(kind ? { siteKind: kind } : {}),
    enabled: kind !== undefined,
  });
  const options = useQuery({ queryKey: safetyKeys.options, queryFn: safetyApi.options, staleTime: 600_000 });
  const code = Form.useWatch('checklistCode', form);
  const items = Form.useWatch('items', form);
  const checklist: Checklist | undefined = useMemo(() => lists.data?.items.find((c) => c.code === code) ?? lists.data?.items[0], [lists.data, code]);

  if (site.error) return <ErrorResult error={site.error} onRetry={() => void site.refetch()} />;
  if (!site.data || lists.isLoading) return <Spin />;
  const s = site.data;
  const today = dayjs(options.data?.today);

  const submit = async (v: InspectForm) => {
    if (!checklist) return;
    setSaving(true);
    try {
      const res = await safetyApi.createInspection({
        siteId: s.id,
        inspectedOn: v.inspectedOn.format('YYYY-MM-DD'),
        checklistCode: checklist.code,
        findings: v.findings ?? null,
        results: checklist.items.map((it) => {
          const x = v.items[it.code] ?? {};
          return {
            code: it.code,
            result: x.result ?? 'ok',
            note: x.note ?? null,
            hazard:
              x.result === 'issue'
                ? {
                    description: x.description ?? '',
                    severity: x.severity ?? 'general',
                    responsibleUnitCode: x.responsibleUnitCode ?? s.responsibleUnitCode,
                    deadline: x.deadline ? x.deadline.format('YYYY-MM-DD') : '',
                  }
                : null,
          };
        }),
      });
      void message.success(t('safety.inspect.saved', { n: res.hazards.length }));
      await qc.invalidateQueries({ queryKey: safetyKeys.all });
      void navigate('/safety/inspections');
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  };

  const allOk = () => {
    if (!checklist) return;
    form.setFieldValue('items', Object.fromEntries(checklist.items.map((it) => [it.code, { ...(items?.[it.code] ?? {}), result: 'ok' }])));
  };
  const units = (options.data?.units ?? []).map((u) => ({ value: u.code, label: u.name }));

  return (
    <>
      <PageHeader title={t('safety.inspect.title')} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <Typography.Text strong>{s.name}</Typography.Text>
          <KindTag kind={s.kind} />
          <Typography.Text type="secondary">
            {s.streetName} · {t('safety.col.responsible')}：{s.responsibleUnitName}
          </Typography.Text>
        </Space>
      </Card>
      {!s.canInspect ? <Alert type="warning" showIcon message={t('safety.inspect.cannot')} style={{ marginBottom: 12 }} /> : null}
      {!lists.data?.items.length ? <Alert type="warning" showIcon message={t('safety.inspect.noChecklist')} /> : null}
      {checklist ? (
        <Form<InspectForm>
          form={form}
          layout="vertical"
          onFinish={(v) => void submit(v)}
          initialValues={{ inspectedOn: today, checklistCode: checklist.code, items: {} }}
          disabled={!s.canInspect}
        >
          <Flex gap={12} wrap>
            <Form.Item
              name="inspectedOn"
              label={t('safety.inspect.date')}
              rules={[{ required: true, message: t('safety.required', { label: t('safety.inspect.date') }) }]}
            >
              <DatePicker disabledDate={(d) => d.isAfter(today, 'day')} allowClear={false} />
            </Form.Item>
            <Form.Item name="checklistCode" label={t('safety.inspect.checklist')} style={{ minWidth: 220 }}>
              <Select
                options={(lists.data?.items ?? []).map((c) => ({ value: c.code, label: `${c.name}（${t('safety.checklists.version', { n: c.version })}）` }))}
                onChange={() => form.setFieldValue('items', {})}
              />
            </Form.Item>
            <Form.Item label=" ">
              <Button onClick={allOk}>{t('safety.inspect.allOk')}</Button>
            </Form.Item>
          </Flex>
          {checklist.items.map((it, i) => {
            const issue = items?.[it.code]?.result === 'issue';
            return (
              <Card key={`${checklist.code}-${it.code}`} size="small" style={{ marginBottom: 8 }} data-testid={`item-${it.code}`}>
                <Typography.Paragraph strong style={{ marginBottom: 8 }}>
                  {`${i + 1}. ${it.text}`}
                </Typography.Paragraph>
                <Form.Item
                  name={['items', it.code, 'result']}
                  rules={[{ required: true, message: t('safety.inspect.chooseResult') }]}
                  style={{ marginBottom: 8 }}
                >
                  <Radio.Group
                    optionType="button"
                    options={(['ok', 'issue', 'na'] as const).map((r) => ({ value: r, label: t(`safety.result.${r}`) }))}
                    aria-label={it.text}
                  />
                </Form.Item>
                <Form.Item name={['items', it.code, 'note']} style={{ marginBottom: issue ? 8 : 0 }}>
                  <Input placeholder={t('safety.inspect.itemNote')} maxLength={1000} />
                </Form.Item>
                {issue ? (
                  <Card size="small" type="inner" title={t('safety.inspect.hazard')}>
                    <Form.Item
                      name={['items', it.code, 'description']}
                      label={t('safety.inspect.hazardDesc')}
                      rules={[{ required: true, whitespace: true, message: t('safety.required', { label: t('safety.inspect.hazardDesc') }) }]}
                    >
                      <Input.TextArea rows={2} maxLength={1000} />
                    </Form.Item>
                    <Flex gap={12} wrap>
                      <Form.Item name={['items', it.code, 'severity']} label={t('safety.inspect.severity')} initialValue="general">
                        <Radio.Group options={SEVERITIES.map((v) => ({ value: v, label: t(`safety.severity.${v}`) }))} />
                      </Form.Item>
                      <Form.Item
                        name={['items', it.code, 'responsibleUnitCode']}
                        label={t('safety.inspect.responsible')}
                        initialValue={s.responsibleUnitCode}
                        style={{ minWidth: 200 }}
                      >
                        <Select showSearch={{ optionFilterProp: 'label' }} options={units} />
                      </Form.Item>
                      <Form.Item
                        name={['items', it.code, 'deadline']}
                        label={t('safety.inspect.deadline')}
                        rules={[{ required: true, message: t('safety.required', { label: t('safety.inspect.deadline') }) }]}
                      >
                        <DatePicker disabledDate={(d) => d.isBefore(today, 'day')} />
                      </Form.Item>
                    </Flex>
                  </Card>
                ) : null}
              </Card>
            );
          })}
          <Form.Item name="findings" label={t('safety.inspect.findings')}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={saving}>
            {t('safety.inspect.submit')}
          </Button>
        </Form>
      ) : null}
    </>
  );
}
