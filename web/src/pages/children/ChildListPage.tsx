import { useState } from 'react';
import { Form, Input, Select, Table, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useMe } from '../../auth/useAuth';
import type { ChildList, ChildSummary } from '../../api/types';
import { ErrorResult } from '../../components/ErrorResult';
import { FilterForm } from '../../components/FilterForm';
import { ageOf, formatDate } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { useApi } from '../../hooks/useApi';
import { useCommittees, useStreets } from '../../hooks/useOrg';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useLocalName } from '../../hooks/useLocalName';
import { useT } from '../../i18n/useT';
import { ChildMobileList } from './ChildMobileList';
import { ChildStatusTag } from './childStatus';
import { childListState, type ChildListState } from './listState';

interface Filters {
  q?: string;
  street?: string;
  committee?: string;
}

export default function ChildListPage() {
  const t = useT();
  const name = useLocalName();
  const mobile = useIsMobile();
  const [form] = Form.useForm<Filters>();
  const [state, setStateRaw] = useState<ChildListState>(childListState.get);
  const setState = (next: ChildListState) => {
    childListState.set(next);
    setStateRaw(next);
  };

  const streetInForm = Form.useWatch('street', form);
  const streets = useStreets();
  const me = useMe();
  // Offer only the streets the user can see; the server scopes the results anyway.
  const scopeStreets = me.scope.kind === 'district' || me.scope.streets.length === 0 ? null : new Set(me.scope.streets);
  const streetOptions = (streets.data?.items ?? []).filter((s) => !scopeStreets || scopeStreets.has(s.code));
  const committees = useCommittees(streetInForm);

  const { data, loading, error, reload } = useApi(
    () => api.get<ChildList>('/api/children', { q: state.q, street: state.street, committee: state.committee, page: state.page, pageSize: state.pageSize }),
    [state],
  );

  const pagination = {
    current: state.page,
    pageSize: state.pageSize,
    total: data?.total ?? 0,
    showSizeChanger: true,
    pageSizeOptions: [20, 50, 100],
    showTotal: (total: number) => t('common.total', { total }),
    onChange: (page: number, pageSize: number) => setState({ ...state, page: pageSize === state.pageSize ? page : 1, pageSize }),
  };

  const columns: TableColumnsType<ChildSummary> = [
    {
      title: t('children.name'),
      dataIndex: 'name',
      fixed: 'left',
      width: 110,
      render: (value: string, row) => <Link to={`/children/${encodeURIComponent(row.id)}`}>{value}</Link>,
    },
    { title: t('children.sex'), dataIndex: 'sex', width: 70, render: (sex: 'M' | 'F') => t(`children.sex.${sex}`) },
    {
      title: t('children.age'),
      dataIndex: 'birthDate',
      width: 150,
      render: (birth: string) => {
        const age = ageOf(birth);
        return (
          <>
            {age === null ? '—' : t('children.ageValue', { age })}
            <span style={{ color: '#8c8c8c', marginInlineStart: 6, fontSize: 12 }}>{formatDate(birth)}</span>
          </>
        );
      },
    },
    {
      title: t('children.idNumber'),
      dataIndex: 'idNumberMasked',
      width: 190,
      render: (v: string | null) => <span className="mono">{v ?? '—'}</span>,
    },
    { title: t('children.street'), dataIndex: 'streetName', width: 120 },
    { title: t('children.committee'), dataIndex: 'committeeName', width: 140 },
    { title: t('children.status'), dataIndex: 'status', width: 90, render: (s: string) => <ChildStatusTag status={s} /> },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      width: 80,
      render: (_, row) => <Link to={`/children/${encodeURIComponent(row.id)}`}>{t('children.view')}</Link>,
    },
  ];

  return (
    <>
      <PageHeader title={t('children.title')} />
      <FilterForm<Filters>
        form={form}
        initialValues={{ q: state.q, street: state.street, committee: state.committee }}
        onSearch={(v) => setState({ ...state, q: v.q?.trim() || undefined, street: v.street, committee: v.committee, page: 1 })}
        onReset={() => setState({ page: 1, pageSize: state.pageSize })}
      >
        <Form.Item name="q" label={t('children.keyword')}>
          <Input allowClear placeholder={t('children.searchPlaceholder')} maxLength={64} />
        </Form.Item>
        <Form.Item name="street" label={t('children.street')}>
          <Select
            allowClear
            placeholder={t('common.all')}
            loading={streets.loading}
            options={streetOptions.map((s) => ({ value: s.code, label: name(s) }))}
            onChange={() => form.setFieldValue('committee', undefined)}
          />
        </Form.Item>
        <Form.Item name="committee" label={t('children.committee')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={streetInForm ? t('common.all') : t('children.pickStreetFirst')}
            disabled={!streetInForm}
            loading={committees.loading}
            options={committees.data?.items.map((c) => ({ value: c.id, label: c.name }))}
          />
        </Form.Item>
      </FilterForm>
      {error && !data ? (
        <ErrorResult error={error} onRetry={reload} />
      ) : mobile ? (
        <ChildMobileList items={data?.items} loading={loading} pagination={pagination} />
      ) : (
        <Table<ChildSummary>
          rowKey="id"
          size="middle"
          loading={loading}
          columns={columns}
          dataSource={data?.items}
          locale={{ emptyText: t('children.empty') }}
          scroll={{ x: 'max-content' }}
          sticky={{ offsetHeader: 56 }}
          pagination={pagination}
        />
      )}
    </>
  );
}
