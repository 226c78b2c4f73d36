import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Badge, Button, Card, Empty, Flex, Select, Tabs, Typography, type TableColumnsType } from 'antd';
import { useSearchParams } from 'react-router';
import { useAuth } from '../../auth/useAuth';
import { ErrorResult } from '../../components/ErrorResult';
import { ListScaffold } from '../../components/ListScaffold';
import { PageHeader } from '../../components/PageHeader';
import { useStreets } from '../../hooks/useOrg';
import { useT } from '../../i18n/useT';
import { ActivityFormModal, type ActivityPrefill } from './ActivityFormModal';
import { activitiesApi, activityKeys, type ComplianceReport, type ComplianceRow } from './api';
import { StandingTag } from './labels';

type Standing = ComplianceRow['standing'];
const TABS: Standing[] = ['overdue', 'due', 'done', 'undetermined'];

/**
 * 活动频次达标: per cadence rule, the organisers overdue, due and done (with counts); a street sees
 * its own street, the district every street or one. "记录活动" on a row opens the form pre-filled.
 */
export default function CompliancePage() {
  const t = useT();
  const { can, me } = useAuth();
  const [params, setParams] = useSearchParams();
  const wide = me?.scope.kind === 'district' || me?.scope.kind === 'none';
  const street = wide ? (params.get('street') ?? undefined) : undefined;
  const q = useQuery({ queryKey: activityKeys.compliance(street), queryFn: () => activitiesApi.compliance(street) });
  const streets = useStreets();
  const [prefill, setPrefill] = useState<ActivityPrefill | null>(null);

  const record = (rule: ComplianceReport['rules'][number]['rule'], row: ComplianceRow) =>
    setPrefill({
      organiserKind: row.organiserKind,
      organiser: row.key,
      kind: rule.activityKinds[0],
      title: rule.organiserKind === 'station' ? '未成年人保护专题讲座' : rule.organiserKind === 'committee' ? '安全知识进居委' : '假前安全知识大讲堂',
      guardiansContacted: rule.requireGuardianContact,
    });

  const period = (p: { start: string | null; end: string | null }) =>
    p.end === null
      ? t('activities.compliance.openEnd')
      : t('activities.compliance.period', { start: p.start ?? t('activities.compliance.openStart'), end: p.end });

  return (
    <>
      <PageHeader
        title={t('activities.compliance.title')}
        extra={
          wide ? (
            <Select
              allowClear
              placeholder={t('activities.compliance.allStreets')}
              aria-label={t('activities.compliance.street')}
              style={{ width: 180 }}
              value={street}
              onChange={(v?: string) => setParams(v ? { street: v } : {}, { replace: true })}
              options={(streets.data?.items ?? []).map((s) => ({ value: s.code, label: s.name }))}
            />
          ) : null
        }
      >
        {q.data ? <Typography.Text type="secondary">{t('activities.compliance.day', { day: q.data.day })}</Typography.Text> : null}
      </PageHeader>
      {q.error && !q.data ? <ErrorResult error={q.error} onRetry={() => void q.refetch()} /> : null}
      <Flex vertical gap={16}>
        {(q.data?.rules ?? []).map((r) => {
          const columns: TableColumnsType<ComplianceRow> = [
            {
              title: t('activities.compliance.col.organiser'),
              dataIndex: 'name',
              render: (v: string, row) => (row.streetName && row.organiserKind !== 'station' ? `${v}（${row.streetName}）` : v),
            },
            { title: t('activities.compliance.col.current'), key: 'current', width: 220, render: (_, row) => period(row.current) },
            { title: t('activities.compliance.col.count'), key: 'count', width: 110, render: (_, row) => `${row.current.count} / ${r.rule.minCount}` },
            {
              title: t('activities.compliance.col.last'),
              key: 'last',
              width: 130,
              render: (_, row) => (row.lastClosed ? t(`activities.compliance.last.${row.lastClosed.status}`, { n: row.lastClosed.count }) : '—'),
            },
            { title: t('activities.compliance.col.lastHeld'), dataIndex: 'lastHeldOn', width: 110, render: (v: string | null) => v ?? '—' },
            { title: t('activities.col.status'), dataIndex: 'standing', width: 90, render: (s: Standing) => <StandingTag standing={s} /> },
            {
              title: '',
              key: 'act',
              width: 110,
              render: (_, row) =>
                row.writable && row.standing !== 'done' && can('activities.write') ? (
                  <Button
                    size="small"
                    type={row.standing === 'overdue' ? 'primary' : 'default'}
                    onClick={() => record(r.rule, row)}
                    data-testid="compliance-record"
                  >
                    {t('activities.compliance.record')}
                  </Button>
                ) : null,
            },
          ];
          return (
            <Card key={r.rule.code} title={r.rule.name} size="small" data-testid={`compliance-${r.rule.code}`}>
              {r.counts.total === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('activities.compliance.none')} />
              ) : (
                <Tabs
                  // the first list with someone in it: what needs doing first, else what was done
                  defaultActiveKey={r.counts.overdue ? 'overdue' : r.counts.due ? 'due' : r.counts.done ? 'done' : 'undetermined'}
                  items={TABS.filter((s) => s !== 'undetermined' || r.counts.undetermined > 0).map((s) => ({
                    key: s,
                    label: (
                      <Flex gap={4} align="center">
                        {t(`activities.compliance.${s}`)}
                        <Badge
                          count={r.counts[s]}
                          showZero
                          overflowCount={9999}
                          color={s === 'overdue' ? 'red' : s === 'due' ? 'orange' : s === 'done' ? 'green' : 'gray'}
                        />
                      </Flex>
                    ),
                    children: (
                      <div data-testid={`compliance-${r.rule.code}-${s}`}>
                        <ListScaffold<ComplianceRow>
                          items={r.rows.filter((x) => x.standing === s)}
                          loading={false}
                          rowKey="key"
                          columns={columns}
                          emptyText={t('activities.compliance.empty')}
                          renderMobile={(row) => (
                            <Flex vertical gap={4}>
                              <Flex justify="space-between" gap={8} align="center">
                                <Typography.Text strong>{row.name}</Typography.Text>
                                <StandingTag standing={row.standing} />
                              </Flex>
                              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                                {period(row.current)} · {row.current.count} / {r.rule.minCount}
                              </Typography.Text>
                              {row.writable && row.standing !== 'done' && can('activities.write') ? (
                                <Button size="small" type="primary" onClick={() => record(r.rule, row)} data-testid="compliance-record">
                                  {t('activities.compliance.record')}
                                </Button>
                              ) : null}
                            </Flex>
                          )}
                        />
                      </div>
                    ),
                  }))}
                />
              )}
            </Card>
          );
        })}
      </Flex>
      {prefill ? <ActivityFormModal prefill={prefill} onClose={() => setPrefill(null)} /> : null}
    </>
  );
}
