import { useState } from 'react';
import { App, Button, DatePicker, Descriptions, Drawer, Flex, Form, Input, Modal, Result, Select, Space, Timeline, Typography } from 'antd';
import { CheckCircleOutlined, CommentOutlined, PlayCircleOutlined, RedoOutlined, SendOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import type { ProblemDetail, ProblemEvent, ProblemStatus } from '@common/casework';
import { ApiError, api, seg } from '../../../api/client';
import { useAuth } from '../../../auth/useAuth';
import { ErrorResult } from '../../../components/ErrorResult';
import { formatDate, formatDateTime } from '../../../components/format';
import { useApi } from '../../../hooks/useApi';
import { useApiError } from '../../../hooks/useApiError';
import { useIsMobile } from '../../../hooks/useIsMobile';
import { useUnits } from '../../../hooks/useOrg';
import { useT } from '../../../i18n/useT';
import type { MessageKey } from '../../../locales/zh-CN';
import { MandatoryReportPanel } from '../mandatory/MandatoryReportPanel';
import { afterToday, categoryLabel, DATE, eventLabel, OverdueTag, SeverityTag, statusLabel, StatusTag, toDate } from '../shared';

type Action = 'start' | 'resolve' | 'reopen' | 'escalate' | 'comment';

const EVENT_COLOR: Record<ProblemEvent['kind'], string> = {
  created: 'blue', status: 'cyan', comment: 'gray', escalated: 'purple', resolved: 'green', reopened: 'orange', assigned: 'blue',
};

/** One problem: facts, the timeline, and what can be done next (by its current status). */
export function ProblemDrawer({ id, onClose, onChanged }: { id: string | null; onClose: () => void; onChanged?: () => void }) {
  const t = useT();
  const mobile = useIsMobile();
  const { can } = useAuth();
  const { data, loading, error, reload, setData } = useApi(
    () => (id ? api.get<ProblemDetail>(`/api/problems/${seg(id)}`) : Promise.resolve(undefined)),
    [id],
  );
  const [action, setAction] = useState<Action | null>(null);
  const write = can('casework.write');
  const p = data && data.id === id ? data : undefined;

  const done = (next: ProblemDetail) => {
    setData(next);
    setAction(null);
    onChanged?.();
  };

  const can_ = (s: ProblemStatus) => ({
    start: s === 'open' || s === 'escalated',
    resolve: s !== 'resolved',
    escalate: s !== 'resolved',
    reopen: s === 'resolved',
  });

  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      size={mobile ? '100%' : 640}
      title={t('casework.problem.detail')}
      destroyOnHidden
      extra={
        p ? (
          <Link to={`/children/${seg(p.childId)}`} onClick={onClose}>
            {t('casework.problem.openFile')}
          </Link>
        ) : null
      }
    >
      {error instanceof ApiError && error.status === 404 ? (
        <Result status="404" title={t('casework.problem.notFound')} />
      ) : error ? (
        <ErrorResult error={error} onRetry={reload} />
      ) : !p ? (
        loading ? <Typography.Text type="secondary">{t('casework.loading')}</Typography.Text> : null
      ) : (
        <>
          <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {p.childName}
            </Typography.Title>
            <StatusTag value={p.status} />
            <SeverityTag value={p.severity} />
            <OverdueTag dueOn={p.dueOn} overdue={p.overdue} />
          </Flex>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{p.description}</Typography.Paragraph>
          <Descriptions
            size="small"
            column={mobile ? 1 : 2}
            bordered
            styles={{ label: { whiteSpace: 'nowrap' } }}
            items={[
              { key: 'category', label: t('casework.problem.category'), children: categoryLabel(t, p.category) },
              { key: 'area', label: t('casework.area'), children: `${p.streetName} · ${p.committeeName}` },
              { key: 'unit', label: t('casework.problem.responsibleUnit'), children: p.responsibleUnitName ?? '—' },
              { key: 'due', label: t('casework.problem.dueOn'), children: formatDate(p.dueOn) },
              ...(p.escalatedToName ? [{ key: 'esc', label: t('casework.problem.escalatedTo'), children: p.escalatedToName }] : []),
              { key: 'created', label: t('casework.problem.createdAt'), children: formatDateTime(p.createdAt) },
              ...(p.status === 'resolved'
                ? [
                    { key: 'resolvedOn', label: t('casework.problem.resolvedOn'), span: 'filled' as const, children: formatDate(p.resolvedOn) },
                    { key: 'resolution', label: t('casework.problem.resolution'), span: 'filled' as const, children: <span style={{ whiteSpace: 'pre-wrap' }}>{p.resolution}</span> },
                  ]
                : []),
            ]}
          />
          {p.category === 'safety' && p.severity === 'high' ? <MandatoryReportPanel problemId={p.id} canWrite={write} /> : null}
          {write ? (
            <Flex gap={8} wrap style={{ marginTop: 16 }}>
              {can_(p.status).start ? (
                <Button icon={<PlayCircleOutlined />} onClick={() => setAction('start')}>
                  {t('casework.problem.start')}
                </Button>
              ) : null}
              {can_(p.status).resolve ? (
                <Button type="primary" icon={<CheckCircleOutlined />} onClick={() => setAction('resolve')}>
                  {t('casework.problem.resolve')}
                </Button>
              ) : null}
              {can_(p.status).escalate ? (
                <Button icon={<SendOutlined />} onClick={() => setAction('escalate')}>
                  {t('casework.problem.escalate')}
                </Button>
              ) : null}
              {can_(p.status).reopen ? (
                <Button icon={<RedoOutlined />} onClick={() => setAction('reopen')}>
                  {t('casework.problem.reopen')}
                </Button>
              ) : null}
              <Button icon={<CommentOutlined />} onClick={() => setAction('comment')}>
                {t('casework.problem.comment')}
              </Button>
            </Flex>
          ) : null}
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t('casework.problem.timeline')}
          </Typography.Title>
          <Timeline
            items={[...p.events].reverse().map((e) => ({
              key: e.id,
              color: EVENT_COLOR[e.kind],
              content: (
                <>
                  <Flex gap={8} wrap>
                    <Typography.Text strong>{eventLabel(t, e.kind)}</Typography.Text>
                    {e.fromStatus && e.toStatus ? (
                      <Typography.Text type="secondary">
                        {statusLabel(t, e.fromStatus as ProblemStatus)} → {statusLabel(t, e.toStatus as ProblemStatus)}
                      </Typography.Text>
                    ) : null}
                  </Flex>
                  {e.note ? <div style={{ whiteSpace: 'pre-wrap' }}>{e.note}</div> : null}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDateTime(e.at)} · {e.userDisplayName ?? e.username ?? '—'}
                  </Typography.Text>
                </>
              ),
            }))}
          />
          {action ? <ActionModal action={action} problem={p} onClose={() => setAction(null)} onDone={done} /> : null}
        </>
      )}
    </Drawer>
  );
}

interface ActionValues {
  note?: string;
  resolution?: string;
  resolvedOn?: dayjs.Dayjs;
  toUnit?: string;
}

const TITLES: Record<Action, MessageKey> = {
  start: 'casework.problem.start',
  resolve: 'casework.problem.resolve',
  reopen: 'casework.problem.reopen',
  escalate: 'casework.problem.escalate',
  comment: 'casework.problem.comment',
};

function ActionModal({ action, problem, onClose, onDone }: { action: Action; problem: ProblemDetail; onClose: () => void; onDone: (p: ProblemDetail) => void }) {
  const t = useT();
  const mobile = useIsMobile();
  const { message, modal } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<ActionValues>();
  const [saving, setSaving] = useState(false);
  const units = useUnits();
  const targets = (units.data?.items ?? []).filter(
    (u) => u.active && (u.kind === 'department' || (u.kind === 'street' && u.streetCode === problem.streetCode)) && u.code !== (problem.status === 'escalated' ? problem.escalatedTo : null),
  );

  const run = async (v: ActionValues) => {
    setSaving(true);
    try {
      const path = `/api/problems/${seg(problem.id)}`;
      let next: ProblemDetail;
      if (action === 'comment') next = await api.post<ProblemDetail>(`${path}/comments`, { note: v.note });
      else if (action === 'escalate') next = await api.post<ProblemDetail>(`${path}/escalate`, { toUnit: v.toUnit, note: v.note, version: problem.version });
      else {
        const to = action === 'start' ? 'in_progress' : action === 'resolve' ? 'resolved' : 'open';
        next = await api.post<ProblemDetail>(`${path}/status`, {
          to, note: v.note || undefined, resolution: v.resolution, resolvedOn: toDate(v.resolvedOn), version: problem.version,
        });
      }
      void message.success(t('casework.saved'));
      onDone(next);
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  };

  const submit = (v: ActionValues) => {
    if (action !== 'escalate') return void run(v);
    const unit = targets.find((u) => u.code === v.toUnit);
    modal.confirm({
      title: t('casework.problem.escalateConfirm', { unit: unit?.name ?? v.toUnit ?? '' }),
      content: t('casework.problem.escalateHint'),
      okText: t('casework.problem.escalate'),
      cancelText: t('common.cancel'),
      onOk: () => run(v),
    });
  };

  return (
    <Modal
      open
      title={t(TITLES[action])}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form<ActionValues> form={form} layout="vertical" onFinish={submit} initialValues={{ resolvedOn: dayjs() }} requiredMark={!mobile}>
        {action === 'resolve' ? (
          <>
            <Form.Item name="resolution" label={t('casework.problem.resolution')} rules={[{ required: true, whitespace: true, message: t('casework.problem.resolutionRequired') }]}>
              <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t('casework.problem.resolutionPlaceholder')} />
            </Form.Item>
            <Form.Item name="resolvedOn" label={t('casework.problem.resolvedOn')} rules={[{ required: true, message: t('common.required') }]}>
              <DatePicker format={DATE} disabledDate={afterToday} style={{ width: '100%' }} inputReadOnly={mobile} />
            </Form.Item>
          </>
        ) : null}
        {action === 'escalate' ? (
          <Form.Item name="toUnit" label={t('casework.problem.escalateTo')} rules={[{ required: true, message: t('casework.problem.escalateToRequired') }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={units.loading}
              options={targets.map((u) => ({ value: u.code, label: u.name }))}
              placeholder={t('casework.problem.escalateToPlaceholder')}
            />
          </Form.Item>
        ) : null}
        <Form.Item
          name="note"
          label={t(action === 'comment' ? 'casework.problem.commentNote' : action === 'escalate' ? 'casework.problem.escalateNote' : action === 'reopen' ? 'casework.problem.reopenNote' : 'casework.problem.note')}
          rules={
            action === 'comment' || action === 'escalate' || action === 'reopen'
              ? [{ required: true, whitespace: true, message: t('casework.problem.noteRequired') }]
              : []
          }
        >
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
      </Form>
      {action === 'escalate' ? (
        <Space>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('casework.problem.escalatePrivacy')}
          </Typography.Text>
        </Space>
      ) : null}
    </Modal>
  );
}
