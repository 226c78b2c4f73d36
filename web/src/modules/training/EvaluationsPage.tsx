/**
 * 考核评价: the child directors of the caller's area for a year, each with the state of their
 * evaluation. The reviewer (workforce.manage) opens one: the criteria computed from the platform
 * (visits on time, files complete, problems resolved, training hours), a grade and a comment; saves
 * a draft or finishes it (after confirmation: a done evaluation is final and keeps its figures).
 */
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Flex, Form, Input, Modal, Select, Space, Spin, Tag, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useAuth } from '../../auth/useAuth';
import { ErrorResult } from '../../components/ErrorResult';
import { FilterSelect } from '../../components/FilterSelect';
import { ListScaffold } from '../../components/ListScaffold';
import { PageHeader } from '../../components/PageHeader';
import { formatDate, formatDateTime } from '../../components/format';
import { useApiError } from '../../hooks/useApiError';
import { useT } from '../../i18n/useT';
import { GRADES, trainingApi, trainingKeys, type Evaluation, type EvaluationMetrics, type EvaluationQuery, type Grade } from './api';
import { GradeTag, Share } from './labels';
import { useSearchPatch } from '../../hooks/useSearchPatch';

const STATUSES = ['none', 'draft', 'done'] as const;
type Status = (typeof STATUSES)[number];

export default function EvaluationsPage() {
  const t = useT();
  const { can } = useAuth();
  const manage = can('workforce.manage');
  const [params, set] = useSearchPatch();
  const [open, setOpen] = useState<Evaluation | null>(null);
  const thisYear = dayjs().year();
  const year = Number(params.get('year') ?? thisYear) || thisYear;
  const page = Number(params.get('page') ?? '1') || 1;
  const pageSize = Number(params.get('size') ?? '20') || 20;
  const status = STATUSES.find((s) => s === params.get('status'));
  const query: EvaluationQuery = { year, page, pageSize, ...(status ? { status } : {}) };
  const list = useQuery({ queryKey: trainingKeys.evaluations(query), queryFn: () => trainingApi.evaluations(query) });
  const statusTag = (s: Status) => <Tag color={s === 'done' ? 'green' : s === 'draft' ? 'orange' : 'default'}>{t(`training.eval.status.${s}`)}</Tag>;
  const action = (e: Evaluation) => (
    <Button size="small" type={e.status === 'done' || !manage ? 'default' : 'primary'} onClick={() => setOpen(e)}>
      {e.status === 'done' || !manage ? t('training.act.view') : t('training.act.evaluate')}
    </Button>
  );
  const columns: TableColumnsType<Evaluation> = [
    { title: t('training.col.name'), dataIndex: 'name', key: 'name' },
    { title: t('training.col.street'), dataIndex: 'streetName', key: 'street' },
    { title: t('training.col.committees'), key: 'committees', render: (_, e) => e.committees.join('、') || '—' },
    { title: t('training.col.status'), key: 'status', render: (_, e) => statusTag(e.status) },
    { title: t('training.col.grade'), key: 'grade', render: (_, e) => <GradeTag grade={e.grade} /> },
    { title: t('training.col.reviewer'), key: 'reviewer', render: (_, e) => (e.reviewerName ? `${e.reviewerName} ${formatDate(e.reviewedAt)}` : '—') },
    { title: t('training.col.actions'), key: 'actions', render: (_, e) => action(e) },
  ];
  return (
    <>
      <PageHeader title={t('training.nav.evaluations')} />
      {list.error ? <ErrorResult error={list.error} onRetry={() => void list.refetch()} /> : null}
      <ListScaffold<Evaluation>
        filters={
          <Flex gap={8} wrap>
            <FilterSelect<number>
              label={t('training.filter.year')}
              minWidth={110}
              value={year}
              onChange={(v) => set({ year: v === undefined ? undefined : String(v), page: undefined })}
              options={[thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: y, label: t('training.yearOf', { year: y }) }))}
            />
            <FilterSelect<Status>
              label={t('training.filter.status')}
              minWidth={120}
              value={status}
              onChange={(v) => set({ status: v, page: undefined })}
              options={STATUSES.map((s) => ({ value: s, label: t(`training.eval.status.${s}`) }))}
            />
          </Flex>
        }
        items={list.data?.items}
        total={list.data?.total}
        loading={list.isLoading}
        rowKey="staffId"
        columns={columns}
        emptyText={t('training.empty.evaluations')}
        paging={{ page, pageSize, onChange: (p, s) => set({ page: String(p), size: String(s) }) }}
        renderMobile={(e) => (
          <Card size="small" style={{ width: '100%' }} data-testid="evaluation-card">
            <Flex vertical gap={6}>
              <Flex justify="space-between" gap={8} wrap>
                <Typography.Text strong>{e.name}</Typography.Text>
                <Space size={4}>
                  {statusTag(e.status)}
                  <GradeTag grade={e.grade} />
                </Space>
              </Flex>
              <Typography.Text type="secondary">
                {e.streetName} {e.committees.join('、')}
              </Typography.Text>
              <div>{action(e)}</div>
            </Flex>
          </Card>
        )}
      />
      {open ? <EvaluationModal evaluation={open} year={year} manage={manage} onClose={() => setOpen(null)} /> : null}
    </>
  );
}

export function MetricsView({ m }: { m: EvaluationMetrics }) {
  const t = useT();
  return (
    <Descriptions size="small" column={1} bordered data-testid="evaluation-metrics">
      <Descriptions.Item label={t('training.metric.children')}>{m.children}</Descriptions.Item>
      <Descriptions.Item label={t('training.metric.visitsOnTime')}>
        <Share {...m.visitsOnTime} />
      </Descriptions.Item>
      <Descriptions.Item label={t('training.metric.filesComplete')}>
        <Share {...m.filesComplete} />
      </Descriptions.Item>
      <Descriptions.Item label={t('training.metric.problemsResolved')}>
        <Share {...m.problemsResolved} />
      </Descriptions.Item>
      <Descriptions.Item label={t('training.metric.trainingHours')}>{m.trainingHours}</Descriptions.Item>
      <Descriptions.Item label={t('training.metric.computedOn')}>{formatDate(m.computedOn)}</Descriptions.Item>
    </Descriptions>
  );
}

interface EvalForm {
  grade?: Grade;
  comment?: string;
}

function EvaluationModal({ evaluation: e, year, manage, onClose }: { evaluation: Evaluation; year: number; manage: boolean; onClose: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<EvalForm>();
  const [saving, setSaving] = useState(false);
  const editable = manage && e.status !== 'done';
  // a done evaluation shows the figures saved with it; a draft the figures of today
  const live = useQuery({ queryKey: trainingKeys.metrics(e.staffId, year), queryFn: () => trainingApi.metrics(e.staffId, year), enabled: e.status !== 'done' });
  const metrics = e.status === 'done' ? e.metrics : live.data;
  const save = async (finish: boolean) => {
    let v: EvalForm;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      await trainingApi.saveEvaluation({ staffId: e.staffId, year, grade: v.grade ?? null, comment: v.comment ?? null, finish, version: e.version });
      void message.success(finish ? t('training.eval.finished') : t('training.eval.saved'));
      await qc.invalidateQueries({ queryKey: trainingKeys.all });
      onClose();
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  };
  const finish = async () => {
    try {
      const v = await form.validateFields();
      if (!v.grade) {
        form.setFields([{ name: 'grade', errors: [t('training.eval.gradeNeeded')] }]);
        return;
      }
    } catch {
      return;
    }
    modal.confirm({ title: t('training.eval.finishAsk', { name: e.name }), content: t('training.eval.finishHelp'), onOk: () => save(true) });
  };
  return (
    <Modal
      open
      title={`${t('training.eval.title', { year })} · ${e.name}`}
      onCancel={onClose}
      destroyOnHidden
      footer={
        editable ? (
          <Space wrap>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button loading={saving} onClick={() => void save(false)}>
              {t('training.eval.saveDraft')}
            </Button>
            <Button type="primary" loading={saving} onClick={() => void finish()}>
              {t('training.eval.finish')}
            </Button>
          </Space>
        ) : (
          <Button onClick={onClose}>{t('common.close')}</Button>
        )
      }
    >
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">
          {e.streetName} {e.committees.join('、')}
        </Typography.Text>
        {metrics ? <MetricsView m={metrics} /> : live.error ? <ErrorResult error={live.error} /> : <Spin />}
        <Typography.Text type="secondary">{t('training.eval.metricsHelp')}</Typography.Text>
        {editable ? (
          <Form<EvalForm> form={form} layout="vertical" initialValues={{ grade: e.grade ?? undefined, comment: e.comment ?? undefined }}>
            <Form.Item name="grade" label={t('training.col.grade')}>
              <Select allowClear aria-label={t('training.col.grade')} options={GRADES.map((g) => ({ value: g, label: t(`training.grade.${g}`) }))} />
            </Form.Item>
            <Form.Item name="comment" label={t('training.eval.comment')}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          </Form>
        ) : (
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={t('training.col.grade')}>
              <GradeTag grade={e.grade} />
            </Descriptions.Item>
            <Descriptions.Item label={t('training.eval.comment')}>{e.comment ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('training.col.reviewer')}>
              {e.reviewerName ?? '—'} {formatDateTime(e.reviewedAt)}
            </Descriptions.Item>
          </Descriptions>
        )}
      </Flex>
    </Modal>
  );
}
