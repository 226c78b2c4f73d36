import { useQuery } from '@tanstack/react-query';
import { Flex, Segmented, Typography, type TableColumnsType } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { ErrorResult } from '../../../components/ErrorResult';
import { ListScaffold } from '../../../components/ListScaffold';
import { PageHeader } from '../../../components/PageHeader';
import { useT } from '../../../i18n/useT';
import { assessmentKeys, assessmentsApi, type AssessmentWorkItem, type AssessmentWorkView } from './api';
import { AssessmentStatusTag } from './labels';

const VIEWS: AssessmentWorkView[] = ['overdue', 'reassess', 'open'];
const isView = (v: string | null): v is AssessmentWorkView => VIEWS.some((x) => x === v);

/** The area's assessments to follow up: commissions past their due day, re-assessments due, open ones. */
export default function WorkListPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const v = params.get('view');
  const view: AssessmentWorkView = isView(v) ? v : 'overdue';
  const page = Number(params.get('page') ?? '1') || 1;
  const query = { view, page, pageSize: 20 };
  const list = useQuery({ queryKey: assessmentKeys.work(query), queryFn: () => assessmentsApi.work(query) });
  const when = (r: AssessmentWorkItem) =>
    view === 'overdue'
      ? t('guardianship.assess.work.daysOverdue', { n: r.days })
      : view === 'reassess'
        ? r.days >= 0
          ? `${r.reassessOn ?? ''} · ${t('guardianship.assess.work.daysLeft', { n: r.days })}`
          : `${r.reassessOn ?? ''} · ${t('guardianship.assess.work.daysPast', { n: -r.days })}`
        : (r.dueOn ?? '—');
  const child = (r: AssessmentWorkItem) => <Link to={`/children/${encodeURIComponent(r.childId)}?tab=guardianship`}>{r.childName}</Link>;
  const columns: TableColumnsType<AssessmentWorkItem> = [
    { title: t('guardianship.assess.work.child'), dataIndex: 'childName', render: (_, r) => child(r) },
    { title: t('guardianship.assess.work.area'), dataIndex: 'committeeName', render: (_, r) => `${r.streetName} ${r.committeeName}` },
    { title: t('guardianship.assess.col.status'), dataIndex: 'status', width: 90, render: (_, r) => <AssessmentStatusTag status={r.status} /> },
    { title: t('guardianship.assess.assessorOrg'), dataIndex: 'assessorOrg' },
    { title: t('guardianship.assess.col.commissioned'), dataIndex: 'commissionedOn', width: 110 },
    {
      title: view === 'reassess' ? t('guardianship.assess.col.reassess') : t('guardianship.assess.col.due'),
      dataIndex: 'days',
      width: 190,
      render: (_, r) => <Typography.Text type={view === 'overdue' || r.days < 0 ? 'danger' : undefined}>{when(r)}</Typography.Text>,
    },
  ];
  return (
    <Flex vertical gap={12}>
      <PageHeader title={t('guardianship.assess.work.nav')} />
      <Segmented<AssessmentWorkView>
        value={view}
        options={VIEWS.map((x) => ({ value: x, label: t(`guardianship.assess.work.${x}`) }))}
        onChange={(x) => setParams({ view: x })}
      />
      {list.error && !list.data ? (
        <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <ListScaffold<AssessmentWorkItem>
          rowKey="id"
          loading={list.isFetching}
          columns={columns}
          items={list.data?.items}
          total={list.data?.total ?? 0}
          emptyText={t('guardianship.assess.work.empty')}
          paging={{ page, pageSize: 20, onChange: (p) => setParams({ view, page: String(p) }) }}
          renderMobile={(r) => (
            <div>
              <Flex justify="space-between" gap={8}>
                <Typography.Text strong>{child(r)}</Typography.Text>
                <AssessmentStatusTag status={r.status} />
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {r.streetName} {r.committeeName} · {when(r)}
              </Typography.Text>
            </div>
          )}
          tableProps={{ scroll: { x: 800 } }}
        />
      )}
    </Flex>
  );
}
