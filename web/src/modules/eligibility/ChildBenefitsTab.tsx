import { useState } from 'react';
import { App, Button, Collapse, Descriptions, Empty, Flex, List, Spin, Switch, Timeline, Typography } from 'antd';
import { SyncOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useAuth } from '../../auth/useAuth';
import { ErrorResult } from '../../components/ErrorResult';
import { formatDate, formatDateTime } from '../../components/format';
import { useApiError } from '../../hooks/useApiError';
import { useT } from '../../i18n/useT';
import { AttachmentLink } from '../files/AttachmentPicker';
import { eligibilityApi, eligibilityKeys, yuan, type Entitlement, type EntitlementStatus, type EvalPolicy, type EvaluateResult } from './api';
import { EntitlementTag, VerdictTag } from './labels';
import { TransitionModal } from './TransitionModal';

const ORDER = { eligible: 0, undetermined: 1, not_eligible: 2 } as const;

function PolicyDetailPanel({ r, entitlement }: { r: EvalPolicy; entitlement: Entitlement | undefined }) {
  const t = useT();
  return (
    <Flex vertical gap={12}>
      {/* the decision and what decided it first; the full trace and the legal basis fold out below */}
      <Typography.Paragraph strong style={{ marginBottom: 0 }}>
        {r.summary}
      </Typography.Paragraph>
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'amount', label: t('eligibility.tab.amount'), children: r.amountText },
          ...(r.missing.length ? [{ key: 'missing', label: t('eligibility.tab.missing'), children: r.missing.map((m) => m.label).join('、') }] : []),
          ...(r.failed.length ? [{ key: 'failed', label: t('eligibility.tab.failed'), children: r.failed.map((f) => f.label).join('；') }] : []),
        ]}
      />
      <Collapse
        size="small"
        items={[
          {
            key: 'trace',
            label: t('eligibility.tab.explanation'),
            children: <List size="small" dataSource={r.lines} renderItem={(l) => <List.Item style={{ paddingInline: 0 }}>{l}</List.Item>} />,
          },
          {
            key: 'basis',
            label: t('eligibility.tab.citations'),
            children: (
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {r.citations.map((c) => (
                  <li key={c}>
                    <Typography.Text type="secondary">{c}</Typography.Text>
                  </li>
                ))}
              </ul>
            ),
          },
        ]}
      />
      {entitlement ? (
        <div>
          <Typography.Text strong>{t('eligibility.tab.timeline')}</Typography.Text>
          <Timeline
            style={{ marginTop: 8 }}
            items={entitlement.events.map((e) => ({
              children: (
                <Flex vertical>
                  <span>
                    {formatDateTime(e.at)} ·{' '}
                    {e.kind === 'approval' ? t('eligibility.tab.approval') : t(`eligibility.status.${e.toStatus as EntitlementStatus}`)}
                    {e.displayName || e.username ? ` · ${e.displayName ?? e.username}${e.unitName ? `（${e.unitName}）` : ''}` : ''}
                  </span>
                  {e.note ? (
                    <Typography.Text type="secondary" style={{ whiteSpace: 'pre-wrap' }}>
                      {e.note}
                    </Typography.Text>
                  ) : null}
                  {e.attachments.length ? (
                    <Flex vertical gap={2} style={{ marginTop: 4 }} aria-label={t('eligibility.tab.evidence')}>
                      {e.attachments.map((a) => (
                        <AttachmentLink key={a.id} file={a} />
                      ))}
                    </Flex>
                  ) : null}
                </Flex>
              ),
            }))}
          />
          {entitlement.fromDate ? (
            <Typography.Text type="secondary">
              {t('eligibility.form.fromDate')}：{formatDate(entitlement.fromDate)}
            </Typography.Text>
          ) : null}
          <Typography.Text type="secondary" style={{ display: 'block' }}>
            {t('eligibility.tab.decider', { unit: entitlement.decidingUnit, n: entitlement.approvalsRequired })}
            {entitlement.status === 'submitted' && entitlement.approvals > 0 ? ` · ${t('eligibility.tab.awaitingSecond')}` : ''}
          </Typography.Text>
        </div>
      ) : null}
    </Flex>
  );
}

/** 保障待遇 on the child's file: each policy's result with its explanation, and the entitlement workflow. */
export function ChildBenefitsTab({ childId }: { childId: string }) {
  const t = useT();
  const { can } = useAuth();
  const { message } = App.useApp();
  const showError = useApiError();
  const [fresh, setFresh] = useState<EvaluateResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [showAll, setShowAll] = useState(false);
  // A notice about one entitlement opens its policy's panel (?policy=…).
  const [params] = useSearchParams();
  const opened = params.get('policy');
  const [step, setStep] = useState<{ e: Entitlement; to: EntitlementStatus } | null>(null);
  const queryClient = useQueryClient();
  const current = useQuery({ queryKey: eligibilityKeys.current(childId), queryFn: () => eligibilityApi.current(childId) });
  const ents = useQuery({ queryKey: eligibilityKeys.entitlements(childId), queryFn: () => eligibilityApi.entitlements(childId) });
  const write = can('entitlements.write');
  const data = fresh ?? current.data;
  /** The child's entitlements changed (a step, a re-match): reload them; the work lists are stale too. */
  const entitlementsChanged = () => {
    void queryClient.invalidateQueries({ queryKey: eligibilityKeys.entitlements(childId) });
    void queryClient.invalidateQueries({ queryKey: ['eligibility', 'worklist'] });
  };

  const rematch = async () => {
    setBusy(true);
    try {
      const r = await eligibilityApi.evaluate(childId);
      setFresh(r);
      entitlementsChanged();
      void message.success(t('eligibility.tab.rematched', { n: r.suggested }));
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };

  if (current.error && !data) return <ErrorResult error={current.error} onRetry={() => void current.refetch()} />;
  const byPolicy = new Map((ents.data?.items ?? []).filter((e) => e.status !== 'ended' && e.status !== 'refused').map((e) => [e.policy, e]));
  const latest = new Map<string, Entitlement>();
  for (const e of ents.data?.items ?? []) if (!byPolicy.has(e.policy)) latest.set(e.policy, e);
  const entitlementOf = (policy: string) => byPolicy.get(policy) ?? latest.get(policy);
  const results = [...(data?.results ?? [])].sort((a, b) => ORDER[a.verdict] - ORDER[b.verdict]);
  const shown = results.filter((r) => showAll || r.verdict !== 'not_eligible' || entitlementOf(r.policy));
  const count = (v: EvalPolicy['verdict']) => results.filter((r) => r.verdict === v).length;

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Flex vertical>
          {data ? (
            <Typography.Text>
              {t('eligibility.tab.asOf', { date: formatDate(data.asOf) })} ·{' '}
              {t('eligibility.tab.counts', { eligible: count('eligible'), undetermined: count('undetermined'), notEligible: count('not_eligible') })}
            </Typography.Text>
          ) : null}
          {data && !data.stored ? <Typography.Text type="secondary">{t('eligibility.tab.notStored')}</Typography.Text> : null}
        </Flex>
        <Flex gap={12} align="center">
          <Flex gap={4} align="center">
            <Switch size="small" checked={showAll} onChange={setShowAll} />
            <span>{t('eligibility.tab.showNotEligible')}</span>
          </Flex>
          <Button type="primary" icon={<SyncOutlined />} loading={busy} onClick={() => void rematch()}>
            {t('eligibility.tab.rematch')}
          </Button>
        </Flex>
      </Flex>
      <Spin spinning={current.isLoading || busy}>
        {data && shown.length === 0 ? (
          <Empty description={t('eligibility.tab.empty')} />
        ) : (
          <Collapse
            defaultActiveKey={opened ? [opened] : undefined}
            items={shown.map((r) => {
              const e = entitlementOf(r.policy);
              return {
                key: r.policy,
                label: (
                  <Flex gap={8} align="center" wrap>
                    <Typography.Text strong>{r.name.zh}</Typography.Text>
                    <VerdictTag verdict={r.verdict} />
                    <Typography.Text type="secondary">{r.unitLabel}</Typography.Text>
                    {r.amountFen !== null ? (
                      <Typography.Text>{yuan(r.amountFen)}</Typography.Text>
                    ) : r.amountStatus === 'not-maintained' ? (
                      <Typography.Text type="warning">{t('eligibility.tab.notMaintained')}</Typography.Text>
                    ) : null}
                    {e ? <EntitlementTag status={e.status} /> : null}
                  </Flex>
                ),
                extra:
                  write && e && e.allowed.length ? (
                    <Flex gap={4} onClick={(ev) => ev.stopPropagation()} wrap>
                      {e.allowed.map((to) => (
                        <Button
                          key={to}
                          size="small"
                          type={to === 'refused' || to === 'ended' ? 'default' : 'primary'}
                          danger={to === 'refused' || to === 'ended'}
                          onClick={() => setStep({ e, to })}
                        >
                          {t(`eligibility.action.${to}`)}
                        </Button>
                      ))}
                    </Flex>
                  ) : undefined,
                children: <PolicyDetailPanel r={r} entitlement={e} />,
              };
            })}
          />
        )}
      </Spin>
      {step ? (
        <TransitionModal
          entitlement={step.e}
          to={step.to}
          onClose={() => setStep(null)}
          onDone={() => {
            setStep(null);
            entitlementsChanged();
          }}
        />
      ) : null}
    </Flex>
  );
}
