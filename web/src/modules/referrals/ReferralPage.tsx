import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Alert, Button, Card, Descriptions, Flex, Form, Input, Tag, Timeline, Typography } from 'antd';
import { EyeOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { ErrorResult } from '../../components/ErrorResult';
import { FullPageSpin } from '../../components/FullPageSpin';
import { PageHeader } from '../../components/PageHeader';
import { formatDate, formatDateTime } from '../../components/format';
import { useApiError } from '../../hooks/useApiError';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useLeaveGuard } from '../../hooks/useLeaveGuard';
import { useT } from '../../i18n/useT';
import { attachmentsOf, referralKeys, referralsApi, type ReferralDetail, type ReferralEvent, type ReferralStep } from './api';
import { ChannelTag, DueText, StatusTag, UrgencyTag } from './labels';
import { StepModal } from './StepModal';

const LEAVE = {
  title: 'referrals.form.leaveTitle',
  content: 'referrals.form.leaveContent',
  leave: 'referrals.form.leave',
  stay: 'referrals.form.stay',
} as const;

/** The order the step buttons show in; the server's `can` says which. */
const STEP_ORDER: ReferralStep[] = ['receive', 'accept', 'start', 'complete', 'close', 'decline', 'withdraw'];

function EventLine({ e }: { e: ReferralEvent }) {
  const t = useT();
  const what = e.kind === 'status' ? t(statusKey(e.toStatus ?? 'sent')) : t(`referrals.event.${e.kind}`);
  return (
    <div>
      <Flex gap={8} wrap align="baseline">
        <Typography.Text strong>{what}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {formatDateTime(e.at)}
          {e.unitName ? ` · ${e.unitName}` : ''}
          {e.by ? ` · ${e.by}` : ''}
        </Typography.Text>
      </Flex>
      {e.note ? <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{e.note}</Typography.Paragraph> : null}
    </div>
  );
}

type StatusKey = `referrals.status.${ReferralDetail['status']}`;
const STATUS_KEYS: Record<string, StatusKey> = {
  sent: 'referrals.status.sent',
  received: 'referrals.status.received',
  accepted: 'referrals.status.accepted',
  declined: 'referrals.status.declined',
  in_progress: 'referrals.status.in_progress',
  completed: 'referrals.status.completed',
  closed: 'referrals.status.closed',
  withdrawn: 'referrals.status.withdrawn',
};
function statusKey(s: string): StatusKey {
  return STATUS_KEYS[s] ?? 'referrals.status.sent';
}

function CommentBox({ referral, onSaved, onDirty }: { referral: ReferralDetail; onSaved: (r: ReferralDetail) => void; onDirty: (d: boolean) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<{ note: string }>();
  const [saving, setSaving] = useState(false);
  const submit = async ({ note }: { note: string }) => {
    setSaving(true);
    try {
      const r = await referralsApi.comment(referral.id, note.trim());
      form.resetFields();
      onDirty(false);
      void message.success(t('referrals.comment.sent'));
      onSaved(r);
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Form form={form} name="referralComment" onFinish={submit} onValuesChange={(_, all) => onDirty(Boolean(all.note?.trim()))}>
      <Form.Item name="note" rules={[{ required: true, whitespace: true, message: t('common.required') }]} style={{ marginBottom: 8 }}>
        <Input.TextArea rows={2} maxLength={2000} placeholder={t('referrals.comment.placeholder')} aria-label={t('referrals.comment.placeholder')} />
      </Form.Item>
      <Button htmlType="submit" loading={saving}>
        {t('referrals.comment.send')}
      </Button>
    </Form>
  );
}

/** A referral: what it asks, the deadlines, the steps the caller may take, the history, comments. */
export default function ReferralPage() {
  const t = useT();
  const { id = '' } = useParams();
  const mobile = useIsMobile();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const q = useQuery({ queryKey: referralKeys.detail(id), queryFn: () => referralsApi.detail(id) });
  const [step, setStep] = useState<ReferralStep | null>(null);
  const [commentDirty, setCommentDirty] = useState(false);
  useLeaveGuard(commentDirty || step !== null, LEAVE);

  if (q.isLoading) return <FullPageSpin />;
  // Only a first load that failed replaces the page: a failed refetch keeps what is shown (and an
  // open step dialog with its input); the dialog says the reload failed.
  if (!q.data) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  const r = q.data;
  const update = (next: ReferralDetail) => {
    qc.setQueryData(referralKeys.detail(id), next);
    void qc.invalidateQueries({ queryKey: ['referrals', 'list'] });
  };
  const steps = STEP_ORDER.filter((s) => r.can.includes(s));

  return (
    <>
      <PageHeader
        title={
          <Flex gap={8} align="center" wrap>
            {t('referrals.detail.title', { no: r.no })}
            <StatusTag status={r.status} />
            <UrgencyTag urgency={r.urgency} />
            {r.channel ? <ChannelTag /> : null}
          </Flex>
        }
        extra={
          r.canViewChild ? (
            <Link to={`/referrals/${encodeURIComponent(r.id)}/child`}>
              <Button icon={<EyeOutlined />}>{t('referrals.detail.viewChild')}</Button>
            </Link>
          ) : null
        }
      />
      {r.escalationLevel > 0 ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={t(r.escalationLevel > 1 ? 'referrals.detail.escalated2' : 'referrals.detail.escalated1')}
        />
      ) : null}
      <Flex vertical gap={16}>
        <Card>
          <Descriptions column={mobile ? 1 : 2} size="small">
            <Descriptions.Item label={t('referrals.col.child')}>{r.childName}</Descriptions.Item>
            <Descriptions.Item label={t('referrals.detail.area')}>
              {r.streetName} · {r.committeeName}
            </Descriptions.Item>
            <Descriptions.Item label={t('referrals.col.kind')}>{r.kindName}</Descriptions.Item>
            {r.policyName ? <Descriptions.Item label={t('referrals.detail.policy')}>{r.policyName}</Descriptions.Item> : null}
            <Descriptions.Item label={t('referrals.col.from')}>
              {r.fromUnitName}
              {r.fromUserName ? ` · ${r.fromUserName}` : ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('referrals.col.to')}>{r.toUnitName}</Descriptions.Item>
            <Descriptions.Item label={t('referrals.detail.sentAt')}>{formatDateTime(r.createdAt)}</Descriptions.Item>
            <Descriptions.Item label={t('referrals.detail.ackDue')}>{r.channel ? formatDateTime(r.ackDueAt) : formatDate(r.ackDueAt)}</Descriptions.Item>
            <Descriptions.Item label={t('referrals.detail.due')}>
              <DueText r={r} />
            </Descriptions.Item>
            {r.receivedAt ? <Descriptions.Item label={t('referrals.detail.receivedAt')}>{formatDateTime(r.receivedAt)}</Descriptions.Item> : null}
            {r.endedAt ? <Descriptions.Item label={t('referrals.detail.endedAt')}>{formatDateTime(r.endedAt)}</Descriptions.Item> : null}
            <Descriptions.Item label={t('referrals.detail.reason')} span={mobile ? 1 : 2}>
              <span style={{ whiteSpace: 'pre-wrap' }}>{r.reason}</span>
            </Descriptions.Item>
            {r.declineReason ? (
              <Descriptions.Item label={t('referrals.detail.declineReason')} span={mobile ? 1 : 2}>
                {r.declineReason}
              </Descriptions.Item>
            ) : null}
            {r.outcome ? (
              <Descriptions.Item label={t('referrals.detail.outcome')} span={mobile ? 1 : 2}>
                <span style={{ whiteSpace: 'pre-wrap' }}>{r.outcome}</span>
                {r.outcomeResult ? <Tag style={{ marginInlineStart: 8 }}>{t(`referrals.result.${r.outcomeResult}`)}</Tag> : null}
              </Descriptions.Item>
            ) : null}
            {attachmentsOf(r).length ? (
              <Descriptions.Item label={t('referrals.detail.attachments')} span={mobile ? 1 : 2}>
                <Flex gap={8} wrap>
                  {attachmentsOf(r).map((f) => (
                    <Button key={f.id} type="link" size="small" icon={<PaperClipOutlined />} onClick={() => void referralsApi.downloadAttachment(r.id, f)}>
                      {f.filename}
                    </Button>
                  ))}
                </Flex>
              </Descriptions.Item>
            ) : null}
            <Descriptions.Item label={t('referrals.detail.sections')} span={mobile ? 1 : 2}>
              <Flex gap={4} wrap>
                {r.sections.map((s) => (
                  <Tag key={s}>{t(`referrals.section.${s}`)}</Tag>
                ))}
              </Flex>
            </Descriptions.Item>
          </Descriptions>
          <Flex gap={8} wrap style={{ marginTop: 16 }}>
            {steps.length === 0 ? <Typography.Text type="secondary">{t('referrals.detail.noSteps')}</Typography.Text> : null}
            {steps.map((s) => (
              <Button
                key={s}
                type={s === steps[0] && s !== 'decline' && s !== 'withdraw' ? 'primary' : 'default'}
                danger={s === 'decline' || s === 'withdraw'}
                onClick={() => setStep(s)}
              >
                {t(`referrals.step.${s}`)}
              </Button>
            ))}
          </Flex>
        </Card>
        <Card title={t('referrals.detail.timeline')}>
          <Timeline
            items={[...r.events].reverse().map((e) => ({
              key: e.id,
              color: e.kind === 'escalation' ? 'red' : e.kind === 'reminder' ? 'orange' : e.kind === 'comment' ? 'gray' : 'blue',
              content: <EventLine e={e} />,
            }))}
          />
          <CommentBox referral={r} onSaved={update} onDirty={setCommentDirty} />
        </Card>
      </Flex>
      {step ? (
        <StepModal
          referral={r}
          step={step}
          onClose={() => setStep(null)}
          onReload={async () => (await q.refetch()).isSuccess}
          onDone={(next) => {
            void message.success(t('referrals.step.done', { step: t(`referrals.step.${step}`) }));
            setStep(null);
            update(next);
          }}
        />
      ) : null}
    </>
  );
}
