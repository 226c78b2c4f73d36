import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Empty, Flex, Spin, Steps, Tag, Timeline, Typography } from 'antd';
import { BulbOutlined, FileTextOutlined, PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { REFERRAL_STATUSES } from '@common/referrals';
import { ErrorResult } from '../../../components/ErrorResult';
import { formatDate } from '../../../components/format';
import { TAG_COLOR } from '../../../components/tagColors';
import { useIsMobile } from '../../../hooks/useIsMobile';
import { useT } from '../../../i18n/useT';
import {
  INTERVENTION_KIND_DEFS,
  ladderApi,
  ladderKeys,
  type Intervention,
  type InterventionKind,
  type InterventionStatus,
  type Ladder,
  type Saved,
} from './api';
import { CancelModal, NewStepModal, OutcomeModal, ResendModal } from './LadderDialogs';
import { InterventionDocuments } from '../documents/DocumentsCard';
import { GUARDIANSHIP_QUERIES } from '../keys';

const STATUS_COLOR: Record<InterventionStatus, string> = {
  planned: TAG_COLOR.info,
  in_progress: 'processing',
  complied: TAG_COLOR.ok,
  failed: TAG_COLOR.danger,
  cancelled: TAG_COLOR.closed,
};
const OPEN_REFERRAL = ['sent', 'received', 'accepted', 'in_progress'];
const RUNGS = [0, 1, 2, 3] as const;
const RUNG_KIND: Record<(typeof RUNGS)[number], InterventionKind> = { 0: 'admonition', 1: 'reprimand', 2: 'guidance_order', 3: 'revocation_petition' };

type Dialog =
  | { kind: 'new'; stepKind: InterventionKind }
  | { kind: 'outcome'; step: Intervention }
  | { kind: 'cancel'; step: Intervention }
  | { kind: 'resend'; step: Intervention };

type RungStatus = 'wait' | 'process' | 'finish' | 'error';
/** Each rung's state from the latest non-cancelled step on it: 无效 red, 已履行 done, running in progress; none yet: waiting. */
function rungsOf(l: Ladder): { current: number; statuses: RungStatus[] } {
  const live = l.steps.filter((s) => s.status !== 'cancelled');
  const statuses = RUNGS.map((r): RungStatus => {
    const last = live.filter((s) => INTERVENTION_KIND_DEFS[s.kind].rank === r).at(-1);
    if (!last) return 'wait';
    return last.status === 'failed' ? 'error' : last.status === 'complied' ? 'finish' : 'process';
  });
  const reached = live.map((s) => INTERVENTION_KIND_DEFS[s.kind].rank);
  return { current: reached.length ? Math.max(...reached) : 0, statuses };
}

/**
 * 干预措施 — the child's intervention ladder (劝诫 → 训诫 → 家庭教育指导令 → 撤销监护资格/支持起诉): the
 * rungs reached, the platform's suggestion, the caller's tasks, each step with its unit, dates, its
 * referral and documents, and the actions a writer may take. The child director sees the summary
 * (no reasons, notes or documents) and their tasks.
 */
export function LadderCard({ childId, onChanged }: { childId: string; onChanged: () => void }) {
  const t = useT();
  const mobile = useIsMobile();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const q = useQuery({ queryKey: ladderKeys.ladder(childId), queryFn: () => ladderApi.ladder(childId) });

  if (q.isLoading) return <Spin />;
  if (q.error || !q.data) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  const l = q.data;
  const full = l.depth === 'full';
  const live = l.steps.filter((s) => s.status !== 'cancelled');
  const rungs = rungsOf(l);

  const saved = (s: Saved, text: string) => {
    setDialog(null);
    void qc.invalidateQueries({ queryKey: GUARDIANSHIP_QUERIES });
    void qc.invalidateQueries({ queryKey: ['referrals'] });
    onChanged();
    if (s.warning) void message.warning(s.warning, 8);
    else void message.success(text);
  };
  const kindName = (k: InterventionKind) => t(`guardianship.ladder.kind.${k}`);

  const stepItem = (s: Intervention) => {
    const open = s.status === 'planned' || s.status === 'in_progress';
    const referralOpen = s.referral !== null && OPEN_REFERRAL.includes(s.referral.status);
    const referralBack = s.status === 'planned' && s.referral !== null && !referralOpen;
    const referralStatus = REFERRAL_STATUSES.find((x) => x === s.referral?.status);
    const canRecord = l.canWrite && open && !referralOpen && (s.kind === 'admonition' || s.referral !== null || s.status === 'in_progress');
    return {
      key: s.id,
      color: s.status === 'failed' ? 'red' : s.status === 'complied' ? 'green' : s.status === 'cancelled' ? 'gray' : 'blue',
      children: (
        <Flex vertical gap={4} data-testid={`ladder-step-${s.kind}`}>
          <Flex gap={8} wrap align="center">
            <Typography.Text strong>{kindName(s.kind)}</Typography.Text>
            <Tag color={STATUS_COLOR[s.status]}>{t(`guardianship.ladder.status.${s.status}`)}</Tag>
            {s.unitName ? <Typography.Text type="secondary">{s.unitName}</Typography.Text> : null}
          </Flex>
          <Descriptions
            size="small"
            column={mobile ? 1 : 2}
            items={[
              { key: 'created', label: t('guardianship.ladder.field.createdOn'), children: formatDate(s.createdAt) },
              { key: 'decided', label: t('guardianship.ladder.field.decidedOn'), children: formatDate(s.decidedOn) },
              ...(full && s.personName ? [{ key: 'person', label: t('guardianship.ladder.field.person'), children: s.personName }] : []),
              ...(s.kind === 'guidance_order'
                ? [
                    {
                      key: 'sessions',
                      label: t('guardianship.ladder.field.sessionsShort'),
                      children: t('guardianship.ladder.sessionsValue', {
                        attended: s.sessionsAttended,
                        required: s.sessionsRequired ?? '—',
                        missed: s.sessionsMissed,
                      }),
                    },
                  ]
                : []),
              ...(s.referral
                ? [
                    {
                      key: 'referral',
                      label: t('guardianship.ladder.field.referral'),
                      children: (
                        <Flex gap={4} wrap align="center">
                          {full ? <Link to={`/referrals/${encodeURIComponent(s.referral.id)}`}>#{s.referral.no}</Link> : `#${s.referral.no}`}
                          <span>{referralStatus ? t(`referrals.status.${referralStatus}`) : s.referral.status}</span>
                          {referralOpen ? (
                            <Typography.Text type={s.referral.overdue ? 'danger' : 'secondary'}>
                              {t(s.referral.overdue ? 'guardianship.ladder.referral.overdue' : 'guardianship.ladder.referral.due', {
                                date: formatDate(s.referral.dueOn),
                              })}
                            </Typography.Text>
                          ) : null}
                        </Flex>
                      ),
                    },
                  ]
                : []),
            ]}
          />
          {full && s.reason ? (
            <Typography.Paragraph style={{ marginBottom: 0 }}>
              <Typography.Text type="secondary">{t('guardianship.ladder.field.reason')}：</Typography.Text>
              {s.reason}
            </Typography.Paragraph>
          ) : null}
          {full && s.outcomeNote ? (
            <Typography.Paragraph style={{ marginBottom: 0 }}>
              <Typography.Text type="secondary">{t('guardianship.ladder.field.outcome')}：</Typography.Text>
              {s.outcomeNote}
            </Typography.Paragraph>
          ) : null}
          {full ? (
            <Flex vertical gap={4} data-testid="ladder-documents">
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                <FileTextOutlined /> {s.documents ? t('guardianship.ladder.documents', { n: s.documents }) : t('guardianship.ladder.documents.none')}
              </Typography.Text>
              <InterventionDocuments interventionId={s.id} kind={s.kind} />
            </Flex>
          ) : null}
          {l.canWrite && open ? (
            <Flex gap={8} wrap>
              {canRecord ? (
                <Button size="small" type="primary" onClick={() => setDialog({ kind: 'outcome', step: s })}>
                  {t('guardianship.ladder.action.outcome')}
                </Button>
              ) : null}
              {referralBack || (s.status === 'planned' && !s.referral && INTERVENTION_KIND_DEFS[s.kind].referralKind) ? (
                <Button size="small" onClick={() => setDialog({ kind: 'resend', step: s })}>
                  {t('guardianship.ladder.action.resend')}
                </Button>
              ) : null}
              <Button size="small" danger onClick={() => setDialog({ kind: 'cancel', step: s })}>
                {t('guardianship.ladder.action.cancel')}
              </Button>
            </Flex>
          ) : null}
        </Flex>
      ),
    };
  };

  return (
    <Flex vertical gap={12} data-testid="ladder-body">
      <Steps
        size="small"
        direction={mobile ? 'vertical' : 'horizontal'}
        current={rungs.current}
        items={RUNGS.map((r) => ({ title: r === 3 ? t('guardianship.ladder.rung.top') : kindName(RUNG_KIND[r]), status: rungs.statuses[r] }))}
      />
      {l.suggestion ? (
        <Alert
          type="warning"
          showIcon
          icon={<BulbOutlined />}
          data-testid="ladder-suggestion"
          title={t('guardianship.ladder.suggestion', { kind: kindName(l.suggestion.kind) })}
          description={l.suggestion.reason}
          action={
            l.canWrite ? (
              <Button size="small" type="primary" onClick={() => setDialog({ kind: 'new', stepKind: l.suggestion?.kind ?? 'admonition' })}>
                {t('guardianship.ladder.suggestion.take')}
              </Button>
            ) : null
          }
        />
      ) : null}
      {l.tasks.length ? (
        <Alert
          type="info"
          showIcon
          data-testid="ladder-tasks"
          title={t('guardianship.ladder.tasks')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {l.tasks.map((x) => (
                <li key={x}>{x}</li>
              ))}
            </ul>
          }
        />
      ) : null}
      {l.steps.length ? (
        <Timeline items={l.steps.map(stepItem)} />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('guardianship.ladder.empty')} />
      )}
      {l.canWrite ? (
        <div>
          <Button
            icon={<PlusOutlined />}
            onClick={() => setDialog({ kind: 'new', stepKind: l.suggestion?.kind ?? (live.length ? 'reprimand' : 'admonition') })}
          >
            {t('guardianship.ladder.action.new')}
          </Button>
        </div>
      ) : null}
      {!full ? <Typography.Text type="secondary">{t('guardianship.ladder.summaryNote')}</Typography.Text> : null}

      {dialog?.kind === 'new' ? (
        <NewStepModal
          childId={childId}
          kind={dialog.stepKind}
          previousId={live.at(-1)?.id ?? null}
          onClose={() => setDialog(null)}
          onSaved={(s) => saved(s, t(s.step.referral ? 'guardianship.ladder.saved.sent' : 'guardianship.ladder.saved.created'))}
        />
      ) : null}
      {dialog?.kind === 'outcome' ? (
        <OutcomeModal step={dialog.step} onClose={() => setDialog(null)} onSaved={(s) => saved(s, t('guardianship.ladder.saved.outcome'))} />
      ) : null}
      {dialog?.kind === 'cancel' ? (
        <CancelModal step={dialog.step} onClose={() => setDialog(null)} onSaved={(s) => saved(s, t('guardianship.ladder.saved.cancelled'))} />
      ) : null}
      {dialog?.kind === 'resend' ? (
        <ResendModal childId={childId} step={dialog.step} onClose={() => setDialog(null)} onSaved={(s) => saved(s, t('guardianship.ladder.saved.sent'))} />
      ) : null}
    </Flex>
  );
}
