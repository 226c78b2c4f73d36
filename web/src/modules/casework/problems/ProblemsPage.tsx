import { useState } from 'react';
import { Checkbox, Flex, Form, Select, Typography, type TableColumnsType } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Problem, ProblemCategory, ProblemSeverity, ProblemStatus } from '@common/casework';
import { seg } from '../../../api/client';
import { useMe } from '../../../auth/useAuth';
import { ErrorResult } from '../../../components/ErrorResult';
import { FilterForm } from '../../../components/FilterForm';
import { formatDate } from '../../../components/format';
import { ListScaffold } from '../../../components/ListScaffold';
import { PageHeader } from '../../../components/PageHeader';
import { useIsMobile } from '../../../hooks/useIsMobile';
import { useLocalName } from '../../../hooks/useLocalName';
import { useCommittees, useStreets } from '../../../hooks/useOrg';
import { useT } from '../../../i18n/useT';
import { caseworkApi, caseworkKeys, type ProblemQuery } from '../api';
import { CATEGORIES, categoryLabel, OverdueTag, SEVERITIES, severityLabel, SeverityTag, STATUSES, statusLabel, StatusTag } from '../shared';
import { ProblemDrawer } from './ProblemDrawer';

interface Filters {
  status?: ProblemStatus | 'unresolved';
  overdue?: boolean;
  severity?: ProblemSeverity;
  category?: ProblemCategory;
  street?: string;
  committee?: string;
}

/** 问题跟踪: problems in the caller's area, overdue ones first, each opening its timeline. */
export default function ProblemsPage() {
  const t = useT();
  const name = useLocalName();
  const mobile = useIsMobile();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const [form] = Form.useForm<Filters>();
  const initial: Filters = {
    status: (params.get('status') as Filters['status']) ?? 'unresolved',
    overdue: params.get('overdue') === 'true' || undefined,
    // A figure on the supervision dashboard opens this list for one street.
    street: params.get('street') ?? undefined,
  };
  const [filters, setFilters] = useState<Filters>(initial);
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const openId = params.get('open');

  const streets = useStreets();
  const scopeStreets = me.scope.kind === 'district' || me.scope.streets.length === 0 ? null : new Set(me.scope.streets);
  const streetOptions = (streets.data?.items ?? []).filter((s) => !scopeStreets || scopeStreets.has(s.code));
  const streetInForm = Form.useWatch('street', form);
  const committees = useCommittees(streetInForm);

  const query: ProblemQuery = {
    status: filters.status,
    overdue: filters.overdue ? 'true' : undefined,
    severity: filters.severity,
    category: filters.category,
    street: filters.street,
    committee: filters.committee,
    page: page.page,
    pageSize: page.pageSize,
  };
  const {
    data,
    isFetching: loading,
    error,
    refetch,
  } = useQuery({
    queryKey: caseworkKeys.problems(query),
    queryFn: () => caseworkApi.problems(query),
    placeholderData: keepPreviousData,
  });

  const open = (id: string | null) => {
    const next = new URLSearchParams(params);
    if (id) next.set('open', id);
    else next.delete('open');
    setParams(next, { replace: true });
  };

  const paging = {
    page: page.page,
    pageSize: page.pageSize,
    pageSizeOptions: [20, 50, 100],
    onChange: (p: number, pageSize: number) => setPage({ page: pageSize === page.pageSize ? p : 1, pageSize }),
  };

  // On a phone, one problem reads as a card that opens its timeline.
  const renderMobile = (r: Problem) => (
    <Flex justify="space-between" align="center" gap={8} style={{ width: '100%', cursor: 'pointer' }} onClick={() => open(r.id)}>
      <Flex vertical gap={4} style={{ minWidth: 0 }}>
        <Flex gap={6} wrap align="center">
          <Typography.Text strong>{r.childName}</Typography.Text>
          <StatusTag value={r.status} />
          <SeverityTag value={r.severity} />
          <OverdueTag dueOn={r.dueOn} overdue={r.overdue} />
        </Flex>
        <Typography.Text ellipsis>{r.description}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {categoryLabel(t, r.category)} · {t('casework.problem.dueOn')} {formatDate(r.dueOn)} · {r.committeeName}
        </Typography.Text>
      </Flex>
      <RightOutlined style={{ color: '#bfbfbf' }} />
    </Flex>
  );

  const columns: TableColumnsType<Problem> = [
    {
      title: t('casework.child'),
      dataIndex: 'childName',
      fixed: 'left',
      width: 100,
      render: (v: string, r) => <Link to={`/children/${seg(r.childId)}`}>{v}</Link>,
    },
    {
      title: t('casework.problem.description'),
      dataIndex: 'description',
      width: 320,
      render: (v: string, r) => (
        <Typography.Link onClick={() => open(r.id)} ellipsis style={{ maxWidth: 300, display: 'inline-block' }}>
          {v}
        </Typography.Link>
      ),
    },
    { title: t('casework.problem.category'), dataIndex: 'category', width: 90, render: (c: ProblemCategory) => categoryLabel(t, c) },
    { title: t('casework.problem.severity'), dataIndex: 'severity', width: 80, render: (s: ProblemSeverity) => <SeverityTag value={s} /> },
    { title: t('casework.problem.status'), dataIndex: 'status', width: 90, render: (s: ProblemStatus) => <StatusTag value={s} /> },
    {
      title: t('casework.problem.dueOn'),
      dataIndex: 'dueOn',
      width: 190,
      render: (d: string | null, r) => (
        <Flex gap={4} wrap align="center">
          <span>{formatDate(d)}</span>
          <OverdueTag dueOn={d} overdue={r.overdue} />
        </Flex>
      ),
    },
    {
      title: t('casework.problem.responsibleUnit'),
      dataIndex: 'responsibleUnitName',
      width: 150,
      render: (v: string | null, r) => (
        <>
          <div>{v ?? '—'}</div>
          {r.status === 'escalated' && r.escalatedToName ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('casework.problem.escalatedTo')} {r.escalatedToName}
            </Typography.Text>
          ) : null}
        </>
      ),
    },
    { title: t('casework.area'), key: 'area', width: 200, render: (_, r) => `${r.streetName} · ${r.committeeName}` },
    { title: t('casework.problem.createdAt'), dataIndex: 'createdAt', width: 110, render: (v: string) => formatDate(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      width: 80,
      render: (_, r) => <Typography.Link onClick={() => open(r.id)}>{t('casework.view')}</Typography.Link>,
    },
  ];

  return (
    <>
      <PageHeader title={t('casework.problems.title')} />
      <FilterForm<Filters>
        form={form}
        initialValues={initial}
        visibleCount={mobile ? 2 : 3}
        onSearch={(v) => {
          setFilters({ ...v, overdue: v.overdue || undefined });
          setPage({ ...page, page: 1 });
        }}
        onReset={() => {
          setFilters(initial);
          setPage({ ...page, page: 1 });
        }}
      >
        <Form.Item name="status" label={t('casework.problem.status')}>
          <Select
            allowClear
            placeholder={t('common.all')}
            options={[{ value: 'unresolved', label: t('casework.problems.unresolved') }, ...STATUSES.map((s) => ({ value: s, label: statusLabel(t, s) }))]}
          />
        </Form.Item>
        <Form.Item name="overdue" label={t('casework.problems.overdueOnly')} valuePropName="checked">
          <Checkbox>{t('casework.problems.overdueOnlyHint')}</Checkbox>
        </Form.Item>
        <Form.Item name="severity" label={t('casework.problem.severity')}>
          <Select allowClear placeholder={t('common.all')} options={SEVERITIES.map((s) => ({ value: s, label: severityLabel(t, s) }))} />
        </Form.Item>
        <Form.Item name="category" label={t('casework.problem.category')}>
          <Select allowClear placeholder={t('common.all')} options={CATEGORIES.map((c) => ({ value: c, label: categoryLabel(t, c) }))} />
        </Form.Item>
        <Form.Item name="street" label={t('casework.street')}>
          <Select
            allowClear
            placeholder={t('common.all')}
            options={streetOptions.map((s) => ({ value: s.code, label: name(s) }))}
            onChange={() => form.setFieldValue('committee', undefined)}
          />
        </Form.Item>
        <Form.Item name="committee" label={t('casework.committee')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            disabled={!streetInForm}
            placeholder={streetInForm ? t('common.all') : t('casework.pickStreetFirst')}
            options={(committees.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
          />
        </Form.Item>
      </FilterForm>
      {error && !data ? (
        <ErrorResult error={error} onRetry={() => void refetch()} />
      ) : (
        <ListScaffold<Problem>
          items={data?.items}
          total={data?.total}
          loading={loading}
          rowKey="id"
          columns={columns}
          renderMobile={renderMobile}
          paging={paging}
          emptyText={t('casework.problems.empty')}
          tableProps={{ scroll: { x: 'max-content' } }}
        />
      )}
      <ProblemDrawer id={openId} onClose={() => open(null)} />
    </>
  );
}
