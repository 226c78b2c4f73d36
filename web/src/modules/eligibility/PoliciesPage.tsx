import { Card, Flex, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { ErrorResult } from '../../components/ErrorResult';
import { useT } from '../../i18n/useT';
import { eligibilityApi, eligibilityKeys, type PolicySummary, type PolicyTerm } from './api';

/** 政策库: every policy of the pack with its administering unit and current standards. */
export default function PoliciesPage() {
  const t = useT();
  const { data, isLoading: loading, error, refetch } = useQuery({ queryKey: eligibilityKeys.policies, queryFn: eligibilityApi.policies });
  if (error && !data) return <ErrorResult error={error} onRetry={() => void refetch()} />;
  const columns: TableColumnsType<PolicySummary> = [
    { title: t('eligibility.col.policy'), key: 'name', render: (_, p) => <Link to={`/policies/${encodeURIComponent(p.id)}`}>{p.name.zh}</Link> },
    { title: t('eligibility.policy.unit'), dataIndex: 'unitLabel', width: 120 },
    { title: t('eligibility.policy.kind'), dataIndex: 'kindLabel', width: 160 },
    { title: t('eligibility.policy.issuer'), dataIndex: 'issuer', width: 160 },
    {
      title: t('eligibility.policy.params'),
      key: 'params',
      render: (_, p) =>
        p.parameters.flatMap((d) =>
          d.values.filter((v) => !v.verified).length
            ? [
                <Tag key={d.name} color="orange">
                  {d.label} · {t('eligibility.policy.unverified')}
                </Tag>,
              ]
            : [],
        ),
    },
  ];
  const names = new Map((data?.items ?? []).map((p) => [p.id, p.name.zh]));
  // the shared definitions: one per legal term, with its citation and the policies that use it
  const termColumns: TableColumnsType<PolicyTerm> = [
    { title: t('eligibility.terms.term'), dataIndex: 'label', width: 220 },
    {
      title: t('eligibility.terms.basis'),
      key: 'basis',
      render: (_, x) => (
        <>
          {x.basis}
          {x.review ? (
            <Typography.Paragraph type="warning" style={{ margin: '4px 0 0' }}>
              {x.review}
            </Typography.Paragraph>
          ) : null}
        </>
      ),
    },
    { title: t('eligibility.terms.usedBy'), key: 'usedBy', width: 260, render: (_, x) => x.usedBy.map((id) => <Tag key={id}>{names.get(id) ?? id}</Tag>) },
  ];
  return (
    <Flex vertical gap={16}>
      <Card title={t('eligibility.nav.policies')}>
        <Table<PolicySummary>
          rowKey="id"
          size="middle"
          loading={loading}
          columns={columns}
          dataSource={data?.items ?? []}
          pagination={false}
          scroll={{ x: 800 }}
        />
      </Card>
      <Card title={t('eligibility.terms.title')}>
        <Table<PolicyTerm>
          rowKey="name"
          size="small"
          loading={loading}
          columns={termColumns}
          dataSource={data?.terms ?? []}
          pagination={false}
          scroll={{ x: 800 }}
        />
      </Card>
    </Flex>
  );
}
