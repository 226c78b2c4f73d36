/**
 * 协同转介（按单位）on 督办总览: for the dashboard's period and area, referrals by receiving unit (or
 * by kind) — sent, acknowledged in time, completed, median days to complete, overdue now — from
 * GET /api/referrals/stats. Those who hold an area (children.read) open the area's referral list.
 */
import { useState } from 'react';
import { Card, Empty, Flex, Segmented, Table, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { useAuth } from '../../auth/useAuth';
import { useT } from '../../i18n/useT';
import type { Dashboard, ReferralStatsRow } from './api';
import { CardTitle } from './DashboardSections';
import { useReferralStats } from './queries';

export function ReferralStatsSection({ d, scope }: { d: Dashboard; scope: { period: string; area: string } }) {
  const t = useT();
  const { can } = useAuth();
  const [by, setBy] = useState<'unit' | 'kind'>('unit');
  const stats = useReferralStats({ from: d.period.from, to: d.asOf < d.period.to ? d.asOf : d.period.to, street: d.street?.code });
  const rows = (by === 'unit' ? stats.data?.byUnit : stats.data?.byKind) ?? [];
  const overdue = (n: number) => (n > 0 ? <span style={{ color: '#cf1322' }}>{n}</span> : n);
  const columns: TableColumnsType<ReferralStatsRow> = [
    { title: t(by === 'unit' ? 'supervision.referrals.unit' : 'supervision.referrals.kind'), dataIndex: 'name' },
    { title: t('supervision.referrals.sent'), dataIndex: 'sent', width: 80, align: 'right', sorter: (a, b) => a.sent - b.sent },
    {
      title: t('supervision.referrals.ackRate'),
      dataIndex: 'ackRate',
      width: 120,
      align: 'right',
      render: (v: number | null, r) => (v === null ? '—' : `${v}%（${r.ackOnTime}/${r.ackDue}）`),
    },
    { title: t('supervision.referrals.completed'), dataIndex: 'completed', width: 80, align: 'right' },
    { title: t('supervision.referrals.medianDays'), dataIndex: 'medianDays', width: 130, align: 'right', render: (v: number | null) => v ?? '—' },
    {
      title: t('supervision.referrals.overdueNow'),
      dataIndex: 'overdueNow',
      width: 100,
      align: 'right',
      sorter: (a, b) => a.overdueNow - b.overdueNow,
      render: overdue,
    },
  ];
  const total = stats.data?.total;
  return (
    <Card
      title={<CardTitle text={t('supervision.referrals.title', scope)} />}
      size="small"
      extra={can('children.read') && can('referrals.read') ? <Link to="/referrals?box=area&bucket=all">{t('supervision.referrals.open')}</Link> : null}
    >
      <Flex vertical gap={8}>
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {t('supervision.referrals.hint')}
          </Typography.Text>
          <Segmented<'unit' | 'kind'>
            size="small"
            value={by}
            onChange={setBy}
            options={[
              { value: 'unit', label: t('supervision.referrals.byUnit') },
              { value: 'kind', label: t('supervision.referrals.byKind') },
            ]}
          />
        </Flex>
        {!stats.isLoading && rows.length === 0 ? (
          <Empty description={t('supervision.referrals.empty')} />
        ) : (
          <Table<ReferralStatsRow>
            size="small"
            rowKey="code"
            loading={stats.isLoading}
            columns={columns}
            dataSource={rows}
            pagination={false}
            scroll={{ x: 640 }}
            summary={() =>
              total ? (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}>{t('supervision.referrals.total')}</Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right">
                    {total.sent}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={2} align="right">
                    {total.ackRate === null ? '—' : `${total.ackRate}%（${total.ackOnTime}/${total.ackDue}）`}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={3} align="right">
                    {total.completed}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={4} align="right">
                    {total.medianDays ?? '—'}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={5} align="right">
                    {overdue(total.overdueNow)}
                  </Table.Summary.Cell>
                </Table.Summary.Row>
              ) : null
            }
          />
        )}
      </Flex>
    </Card>
  );
}
