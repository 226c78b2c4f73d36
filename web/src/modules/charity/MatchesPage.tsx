import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Tabs, Typography, type TableColumnsType } from 'antd';
import { Link, useParams } from 'react-router';
import { ErrorResult } from '../../components/ErrorResult';
import { ListScaffold } from '../../components/ListScaffold';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n/useT';
import { AidFormModal } from './AidFormModal';
import { charityApi, charityKeys, type MatchedChild } from './api';

/** 匹配名单: the children of the caller's area a project's rules match (not yet aided by it), and those to verify; 登记帮扶 from each row. */
export default function MatchesPage() {
  const t = useT();
  const { id = '' } = useParams();
  const q = useQuery({ queryKey: charityKeys.matches(id), queryFn: () => charityApi.matches(id) });
  const [recording, setRecording] = useState<MatchedChild | null>(null);
  if (q.error && !q.data) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  const data = q.data;

  const button = (c: MatchedChild) => (
    <Button size="small" type="primary" onClick={() => setRecording(c)}>
      {t('charity.record')}
    </Button>
  );
  const columns: TableColumnsType<MatchedChild> = [
    { title: t('charity.col.child'), dataIndex: 'name', width: 110, render: (v: string, c) => <Link to={`/children/${c.childId}`}>{v}</Link> },
    { title: t('charity.col.committee'), dataIndex: 'committeeName', width: 160, render: (v: string, c) => `${c.streetName} ${v}` },
    { title: t('charity.col.age'), dataIndex: 'age', width: 70, render: (n: number | null) => (n === null ? '—' : t('charity.age', { n })) },
    { title: t('charity.col.reasons'), dataIndex: 'reasons', render: (rs: string[]) => rs.join('；') },
    { title: '', key: 'record', width: 100, render: (_, c) => button(c) },
  ];
  const list = (key: string, items: MatchedChild[] | undefined, empty: string) => (
    <div data-testid={`matches-${key}`}>
      <ListScaffold<MatchedChild>
        items={items}
        loading={q.isLoading}
        rowKey="childId"
        columns={columns}
        emptyText={empty}
        renderMobile={(c) => (
          <Card size="small" title={<Link to={`/children/${c.childId}`}>{c.name}</Link>} extra={button(c)}>
            <div>
              {c.streetName} {c.committeeName}
              {c.age === null ? '' : ` · ${t('charity.age', { n: c.age })}`}
            </div>
            <Typography.Text type="secondary">{c.reasons.join('；')}</Typography.Text>
          </Card>
        )}
      />
    </div>
  );

  return (
    <>
      <PageHeader title={t('charity.matches.title', { name: data?.project.name ?? '' })} />
      {data ? (
        <Typography.Paragraph type="secondary">
          {data.project.rulesText.join('；')} · {t('charity.matches.aided', { n: data.alreadyAided })}
        </Typography.Paragraph>
      ) : null}
      <Alert type="info" showIcon title={t('charity.matches.hint')} style={{ marginBottom: 12 }} />
      <Tabs
        items={[
          {
            key: 'matched',
            label: t('charity.matches.matched', { n: data?.matched.length ?? 0 }),
            children: list('matched', data?.matched, t('charity.matches.empty')),
          },
          {
            key: 'undetermined',
            label: t('charity.matches.undetermined', { n: data?.undetermined.length ?? 0 }),
            children: list('undetermined', data?.undetermined, t('charity.matches.emptyUndetermined')),
          },
        ]}
      />
      {recording && data ? <AidFormModal project={data.project} child={recording} onClose={() => setRecording(null)} /> : null}
    </>
  );
}
