/** One progress report: every field, evidence downloads, its history, and 通过 / 退回 for reviewers. */
import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Flex, Form, Input, Modal, Result, Timeline, Typography } from 'antd';
import { ArrowLeftOutlined, CheckOutlined, EditOutlined, RollbackOutlined } from '@ant-design/icons';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { ApiError, toQueryString } from '../../api/client';
import { useMe } from '../../auth/useAuth';
import { ErrorResult } from '../../components/ErrorResult';
import { formatDate, formatDateTime } from '../../components/format';
import { FullPageSpin } from '../../components/FullPageSpin';
import { PageHeader } from '../../components/PageHeader';
import { queryClient } from '../../api/queryClient';
import { useApiError } from '../../hooks/useApiError';
import { useT } from '../../i18n/useT';
import { isMessageKey } from '../../locales/zh-CN';
import { planApi, type PlanReport } from './api';
import { EvidenceList } from './Evidence';
import { invalidateSupervision, supervisionKeys, useReport } from './queries';
import { ProgressTag, ReportStateTag } from './shared';

export default function ReportDetailPage() {
  const t = useT();
  const { id = '' } = useParams();
  const { data, isPending, error, refetch } = useReport(id);
  const reload = () => void refetch();
  // The review answers the report as it now is: shown at once, and the lists behind it refreshed.
  const setData = (next: PlanReport) => {
    queryClient.setQueryData(supervisionKeys.report(id), next);
    void invalidateSupervision();
  };
  if (isPending && !data) return <FullPageSpin />;
  if (error instanceof ApiError && (error.status === 404 || error.status === 400)) {
    return (
      <Result
        status="404"
        title={t('supervision.detail.notFound')}
        extra={
          <Link to="/supervision/reports">
            <Button>{t('supervision.edit.backToList')}</Button>
          </Link>
        }
      />
    );
  }
  if (error || !data) return <ErrorResult error={error} onRetry={reload} />;
  return <Detail r={data} onChanged={setData} onReload={reload} />;
}

function Detail({ r, onChanged, onReload }: { r: PlanReport; onChanged: (r: PlanReport) => void; onReload: () => void }) {
  const t = useT();
  const me = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const { message, modal } = App.useApp();
  const showError = useApiError();
  const [deciding, setDeciding] = useState<'accept' | 'return' | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ comment?: string }>();
  const back = (location.state as { from?: string } | null)?.from ?? `/supervision/reports${toQueryString({ tab: r.canReview ? 'review' : 'all' })}`;
  const editLink = `/supervision/reports/edit${toQueryString({ task: r.taskId, period: r.period, unit: r.unitCode !== me.unit.code ? r.unitCode : undefined, plan: r.planId })}`;

  const decide = async (v: { comment?: string }) => {
    if (!deciding) return;
    setBusy(true);
    try {
      const next = await planApi.reviewReport(r.id, { decision: deciding, comment: v.comment?.trim() ?? '', version: r.version });
      void message.success(deciding === 'accept' ? t('supervision.detail.accepted') : t('supervision.detail.returned'));
      setDeciding(null);
      form.resetFields();
      onChanged(next);
    } catch (err) {
      // Any 409 here means the report moved on elsewhere (a stale version, or already reviewed): reload it.
      if (err instanceof ApiError && err.status === 409) {
        setDeciding(null);
        modal.confirm({
          title: t('supervision.conflict.title'),
          content: err.message,
          okText: t('supervision.conflict.reload'),
          cancelText: t('common.cancel'),
          onOk: onReload,
        });
      } else {
        showError(err, form);
      }
    } finally {
      setBusy(false);
    }
  };

  const text = (v: string) =>
    v.trim() ? (
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{v}</Typography.Paragraph>
    ) : (
      <Typography.Text type="secondary">{t('supervision.detail.empty')}</Typography.Text>
    );
  const eventLabel = (a: string) => {
    const k = `supervision.event.${a}`;
    return isMessageKey(k) ? t(k) : a;
  };
  const eventColor = (a: string) =>
    a === 'accept' || a === 'accepted' ? 'green' : a === 'return' || a === 'returned' ? 'red' : a === 'submit' || a === 'submitted' ? 'blue' : 'gray';

  return (
    <div style={{ maxWidth: 960, marginInline: 'auto' }}>
      <PageHeader
        title={t('supervision.detail.title', { no: r.taskNo, summary: r.taskSummary })}
        extra={
          <>
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(back)}>
              {t('supervision.edit.back')}
            </Button>
            {r.canEdit ? (
              <Link to={editLink} state={{ from: `${location.pathname}${location.search}` }}>
                <Button icon={<EditOutlined />}>{r.state === 'returned' ? t('supervision.reports.revise') : t('common.edit')}</Button>
              </Link>
            ) : null}
            {r.canReview ? (
              <>
                <Button danger icon={<RollbackOutlined />} onClick={() => setDeciding('return')}>
                  {t('supervision.detail.return')}
                </Button>
                <Button type="primary" icon={<CheckOutlined />} onClick={() => setDeciding('accept')}>
                  {t('supervision.detail.accept')}
                </Button>
              </>
            ) : null}
          </>
        }
      />
      {r.state === 'returned' && r.reviewComment ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('supervision.edit.returnedTitle', { by: r.reviewedByName ?? '—', at: formatDateTime(r.reviewedAt) })}
          description={<span style={{ whiteSpace: 'pre-wrap' }}>{r.reviewComment}</span>}
        />
      ) : null}
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex gap={8} wrap style={{ marginBottom: 8 }}>
          <ReportStateTag state={r.state} late={r.late} />
          <ProgressTag progress={r.progress} />
        </Flex>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            { key: 'unit', label: t('supervision.col.unit'), children: r.unitName },
            { key: 'period', label: t('supervision.col.period'), children: r.periodLabel },
            { key: 'due', label: t('supervision.col.dueOn'), children: formatDate(r.dueOn) },
            {
              key: 'sub',
              label: t('supervision.col.submittedAt'),
              children: r.submittedAt ? (
                <>
                  {formatDateTime(r.submittedAt)} {r.submittedByName ?? ''}
                </>
              ) : (
                '—'
              ),
            },
            {
              key: 'rev',
              label: t('supervision.detail.reviewedAt'),
              children: r.reviewedAt ? `${formatDateTime(r.reviewedAt)} ${r.reviewedByName ?? ''}` : '—',
            },
            ...(r.reviewComment && r.state !== 'returned' ? [{ key: 'c', label: t('supervision.detail.comment'), children: r.reviewComment }] : []),
          ]}
        />
      </Card>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions
          size="small"
          column={1}
          layout="vertical"
          items={[
            { key: 'done', label: t('supervision.edit.done'), children: text(r.done) },
            { key: 'figures', label: t('supervision.edit.figures'), children: text(r.figures) },
            { key: 'problems', label: t('supervision.edit.problems'), children: text(r.problems) },
            { key: 'next', label: t('supervision.edit.nextSteps'), children: text(r.nextSteps) },
          ]}
        />
      </Card>
      <Card size="small" title={t('supervision.edit.evidence')} style={{ marginBottom: 12 }}>
        <EvidenceList items={r.evidence} />
      </Card>
      <Card size="small" title={t('supervision.detail.history')}>
        {r.history.length ? (
          <Timeline
            items={r.history.map((e, i) => ({
              key: i,
              color: eventColor(e.action),
              children: (
                <Flex vertical>
                  <span>
                    <Typography.Text strong>{eventLabel(e.action)}</Typography.Text>
                    <Typography.Text type="secondary">
                      {' '}
                      · {formatDateTime(e.at)} · {[e.byName, e.unitName].filter(Boolean).join('，') || '—'}
                    </Typography.Text>
                  </span>
                  {e.comment ? <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{e.comment}</Typography.Text> : null}
                </Flex>
              ),
            }))}
          />
        ) : (
          <Typography.Text type="secondary">{t('supervision.detail.noHistory')}</Typography.Text>
        )}
      </Card>
      <Modal
        open={deciding !== null}
        title={deciding === 'accept' ? t('supervision.detail.acceptTitle') : t('supervision.detail.returnTitle')}
        okText={deciding === 'accept' ? t('supervision.detail.accept') : t('supervision.detail.return')}
        okButtonProps={{ danger: deciding === 'return' }}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={() => setDeciding(null)}
        forceRender
      >
        <Typography.Paragraph type="secondary">
          {deciding === 'accept' ? t('supervision.detail.acceptHint', { unit: r.unitName }) : t('supervision.detail.returnHint', { unit: r.unitName })}
        </Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={decide}>
          <Form.Item
            name="comment"
            label={deciding === 'return' ? t('supervision.detail.returnComment') : t('supervision.detail.acceptComment')}
            rules={
              deciding === 'return'
                ? [
                    { required: true, whitespace: true, message: t('supervision.detail.commentRequired') },
                    { min: 2, message: t('supervision.detail.commentRequired') },
                  ]
                : []
            }
          >
            <Input.TextArea
              autoSize={{ minRows: 3, maxRows: 8 }}
              maxLength={1000}
              showCount
              placeholder={deciding === 'return' ? t('supervision.detail.returnPlaceholder') : undefined}
            />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
