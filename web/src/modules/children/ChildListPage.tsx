import { useEffect, useState } from 'react';
import { Button, Checkbox, Flex, Form, Input, Select, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { SorterResult } from 'antd/es/table/interface';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useLocation, useNavigate } from 'react-router';
import { useAuth, useMe } from '../../auth/useAuth';
import { ErrorResult } from '../../components/ErrorResult';
import { ListScaffold } from '../../components/ListScaffold';
import { PageHeader } from '../../components/PageHeader';
import { useCommittees } from '../../hooks/useOrg';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useLocalName } from '../../hooks/useLocalName';
import { useT } from '../../i18n/useT';
import { ExportButton, ImportLink } from '../../modules/files/components';
import { ChildFilterForm } from './ChildFilterForm';
import { childKeys, childrenApi, FILE_STALE_TIME } from './api';
import { ChildMobileItem } from './ChildMobileItem';
import { CategoryTags, FileStatusTag, NextVisit, RiskTag, useCodeLabel } from './labels';
import { childListState, filtersOf, initialListState, type ChildListState } from './listState';
import { SavedFiltersMenu } from './SavedFiltersMenu';
import { CATEGORY_LIST, RISK_LIST, type ChildFilters, type ChildRow, type ChildSearch, type ChildSort } from './types';
import { useScopeCommittees, useScopeStreets } from './useScope';

interface FilterValues {
  q?: string;
  street?: string;
  committee?: string;
  category?: ChildFilters['category'];
  risk?: ChildFilters['risk'];
  status?: ChildFilters['status'];
  overdue?: boolean;
  noMentor?: boolean;
  incomplete?: boolean;
}

const formValuesOf = (s: ChildListState): FilterValues => ({
  q: s.q,
  street: s.street,
  committee: s.committee,
  category: s.category,
  risk: s.risk,
  status: s.status ?? 'active',
  overdue: s.overdue ?? false,
  noMentor: s.noMentor ?? false,
  incomplete: s.incomplete ?? false,
});

/** The filters a link may carry (codes and flags only, never a name or an identity number). */
function stateFromLink(search: string, initial: ChildListState): ChildListState | null {
  const p = new URLSearchParams(search);
  if (![...p.keys()].length) return null;
  const next: ChildListState = { ...initial };
  const street = p.get('street');
  if (street && /^[a-z]{2,32}$/.test(street)) next.street = street;
  const risk = p.get('risk');
  if (risk && (RISK_LIST as readonly string[]).includes(risk)) next.risk = risk as ChildFilters['risk'];
  const category = p.get('category');
  if (category && (CATEGORY_LIST as readonly string[]).includes(category)) next.category = category as ChildFilters['category'];
  if (p.get('overdue') === 'true') next.overdue = true;
  if (p.get('noMentor') === 'true') next.noMentor = true;
  if (p.get('incomplete') === 'true') next.incomplete = true;
  return next;
}

/** The sorts offered on a phone, where there are no column headers to tap. */
const MOBILE_SORTS = ['nextVisitDue', 'name', 'committee', 'riskLevel'] as const;

/** Column key → server sort; the age column sorts by birth date, the other way round. */
const SORT_OF: Record<string, ChildSort> = { name: 'name', age: 'birthDate', committee: 'committee', risk: 'riskLevel', nextVisit: 'nextVisitDue' };

export default function ChildListPage() {
  const t = useT();
  const name = useLocalName();
  const codeLabel = useCodeLabel();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const me = useMe();
  const { can } = useAuth();
  const [form] = Form.useForm<FilterValues>();
  const INITIAL_LIST_STATE = initialListState(me.scope.kind);
  const [state, setStateRaw] = useState<ChildListState>(() => {
    const drilled = stateFromLink(window.location.search, INITIAL_LIST_STATE);
    if (drilled) childListState.set(drilled);
    return childListState.get() ?? INITIAL_LIST_STATE;
  });
  // A figure elsewhere (the supervision dashboard) links here with filters in the address; they
  // become the list's filters and leave the address bar.
  const location = useLocation();
  useEffect(() => {
    if (location.search) void navigate(location.pathname, { replace: true });
  }, [location.search, location.pathname, navigate]);
  const setState = (next: ChildListState) => {
    childListState.set(next);
    setStateRaw(next);
  };

  // Street filter only for those working in more than one street; a child director picks among their committees.
  const multiStreet = me.scope.streets.length > 1;
  const scopeStreets = useScopeStreets();
  const streetInForm = Form.useWatch('street', form);
  const committeeStreet = multiStreet ? streetInForm : me.scope.streets[0];
  const streetCommittees = useCommittees(committeeStreet);
  const ownCommittees = useScopeCommittees(me.scope.streets.length === 0);
  const committeeOptions = (me.scope.streets.length === 0 ? (ownCommittees.data ?? []) : (streetCommittees.data?.items ?? [])).map((c) => ({
    value: c.id,
    label: c.name,
  }));

  const filters = filtersOf(state);
  const search: ChildSearch = { ...filters, page: state.page, pageSize: state.pageSize };
  const {
    data,
    isFetching: loading,
    error,
    refetch,
  } = useQuery({
    queryKey: childKeys.list(search),
    queryFn: () => childrenApi.search(search),
    // The table keeps the page it shows while the next one loads.
    placeholderData: keepPreviousData,
    staleTime: FILE_STALE_TIME,
  });

  const apply = (next: ChildListState) => {
    setState(next);
    form.setFieldsValue(formValuesOf(next));
  };

  const sortOrderOf = (key: string): 'ascend' | 'descend' | null => {
    if (SORT_OF[key] !== state.sort) return null;
    const asc = state.order !== 'desc';
    return (key === 'age' ? !asc : asc) ? 'ascend' : 'descend';
  };

  const onPage = (page: number, pageSize: number) => setState({ ...state, page: pageSize === state.pageSize ? page : 1, pageSize });

  const onSort = (sorter: SorterResult<ChildRow> | SorterResult<ChildRow>[]) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const key = String(s?.columnKey ?? '');
    const sort = SORT_OF[key];
    if (!s?.order || !sort) {
      setState({ ...state, sort: INITIAL_LIST_STATE.sort, order: INITIAL_LIST_STATE.order, page: 1 });
      return;
    }
    const asc = s.order === 'ascend';
    setState({ ...state, sort, order: (key === 'age' ? !asc : asc) ? 'asc' : 'desc', page: 1 });
  };

  const columns: TableColumnsType<ChildRow> = [
    {
      title: t('children.name'),
      key: 'name',
      dataIndex: 'name',
      fixed: 'left',
      width: 90,
      sorter: true,
      sortOrder: sortOrderOf('name'),
      render: (value: string, row) => <Link to={`/children/${encodeURIComponent(row.id)}`}>{value}</Link>,
    },
    { title: t('children.sex'), dataIndex: 'sex', width: 56, render: (sex: 'M' | 'F') => t(`children.sex.${sex}`) },
    {
      title: t('children.age'),
      key: 'age',
      dataIndex: 'age',
      width: 80,
      sorter: true,
      sortOrder: sortOrderOf('age'),
      render: (age: number) => t('children.ageValue', { age }),
    },
    {
      title: t('children.idNumber'),
      dataIndex: 'idNumberMasked',
      width: 204,
      render: (v: string | null) =>
        v ? (
          <span className="mono" style={{ whiteSpace: 'nowrap' }}>
            {v}
          </span>
        ) : (
          <span style={{ color: '#8c8c8c' }}>{t('children.noIdShort')}</span>
        ),
    },
    {
      title: t('children.committee'),
      key: 'committee',
      dataIndex: 'committeeName',
      width: 120,
      sorter: true,
      sortOrder: sortOrderOf('committee'),
      // Those who see several streets get the street under the committee.
      render: (v: string, row) =>
        multiStreet ? (
          <>
            {v}
            <div style={{ color: '#8c8c8c', fontSize: 12 }}>{row.streetName}</div>
          </>
        ) : (
          v
        ),
    },
    {
      title: t('children.riskLevel'),
      key: 'risk',
      dataIndex: 'riskLevel',
      width: 88,
      sorter: true,
      sortOrder: sortOrderOf('risk'),
      render: (r: ChildRow['riskLevel']) => <RiskTag risk={r} />,
    },
    { title: t('children.categories'), dataIndex: 'categories', render: (c: string[]) => <CategoryTags codes={c} max={2} /> },
    {
      title: t('children.nextVisit'),
      key: 'nextVisit',
      dataIndex: 'nextVisitDue',
      width: 176,
      sorter: true,
      sortOrder: sortOrderOf('nextVisit'),
      render: (due: string | null, row) => <NextVisit due={due} overdueDays={row.overdueDays} />,
    },
    { title: t('children.status'), dataIndex: 'status', width: 72, render: (s: ChildRow['status']) => <FileStatusTag status={s} /> },
  ];

  const actions = (
    <>
      <SavedFiltersMenu current={filters} onApply={(f) => apply({ ...INITIAL_LIST_STATE, ...f, page: 1, pageSize: state.pageSize })} />
      {can('children.export') ? <ExportButton filters={filters} /> : null}
      {can('children.import') ? <ImportLink /> : null}
      {can('children.write') ? (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/children/new')}>
          {t('children.create')}
        </Button>
      ) : null}
    </>
  );

  return (
    <>
      <PageHeader title={t('children.title')} extra={actions} />
      <ChildFilterForm<FilterValues>
        form={form}
        visibleCount={mobile ? 1 : 3}
        expandedInitially={
          !!(state.category || state.risk || state.overdue || state.noMentor || state.incomplete || (state.status && state.status !== 'active'))
        }
        initialValues={formValuesOf(state)}
        onSearch={(v) =>
          setState({
            ...state,
            q: v.q?.trim() || undefined,
            street: multiStreet ? v.street : undefined,
            committee: v.committee,
            category: v.category,
            risk: v.risk,
            status: v.status ?? 'active',
            overdue: v.overdue || undefined,
            noMentor: v.noMentor || undefined,
            incomplete: v.incomplete || undefined,
            page: 1,
          })
        }
        onReset={() => apply({ ...INITIAL_LIST_STATE, pageSize: state.pageSize })}
      >
        <Form.Item name="q" label={t('children.keyword')}>
          <Input allowClear placeholder={t('children.list.qPlaceholder')} maxLength={40} autoComplete="off" />
        </Form.Item>
        {multiStreet ? (
          <Form.Item name="street" label={t('children.street')}>
            <Select
              allowClear
              placeholder={t('common.all')}
              loading={scopeStreets.loading}
              options={scopeStreets.items.map((s) => ({ value: s.code, label: name(s) }))}
              onChange={() => form.setFieldValue('committee', undefined)}
            />
          </Form.Item>
        ) : null}
        <Form.Item name="committee" label={t('children.committee')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={multiStreet && !streetInForm ? t('children.pickStreetFirst') : t('common.all')}
            disabled={multiStreet && !streetInForm}
            loading={streetCommittees.loading || ownCommittees.loading}
            options={committeeOptions}
          />
        </Form.Item>
        <Form.Item name="category" label={t('children.category')}>
          <Select allowClear placeholder={t('common.all')} options={CATEGORY_LIST.map((c) => ({ value: c, label: codeLabel('category', c) }))} />
        </Form.Item>
        <Form.Item name="risk" label={t('children.riskLevel')}>
          <Select allowClear placeholder={t('common.all')} options={RISK_LIST.map((r) => ({ value: r, label: t(`children.risk.${r}`) }))} />
        </Form.Item>
        <Form.Item name="status" label={t('children.status')}>
          <Select
            options={[
              { value: 'active', label: t('children.state.active') },
              { value: 'closed', label: t('children.state.closed') },
              { value: 'all', label: t('common.all') },
            ]}
          />
        </Form.Item>
        <Form.Item label={t('children.list.more')}>
          <Flex gap={16} wrap>
            <Form.Item name="overdue" valuePropName="checked" noStyle>
              <Checkbox>{t('children.list.overdue')}</Checkbox>
            </Form.Item>
            <Form.Item name="noMentor" valuePropName="checked" noStyle>
              <Checkbox>{t('children.list.noMentor')}</Checkbox>
            </Form.Item>
            <Form.Item name="incomplete" valuePropName="checked" noStyle>
              <Checkbox>{t('children.list.incomplete')}</Checkbox>
            </Form.Item>
          </Flex>
        </Form.Item>
      </ChildFilterForm>
      {error && !data ? (
        <ErrorResult error={error} onRetry={() => void refetch()} />
      ) : (
        <ListScaffold<ChildRow>
          filters={
            mobile ? (
              // No column headers on a phone: the sort is a choice of its own.
              <Flex align="center" gap={8} style={{ marginBottom: 8 }}>
                <Typography.Text type="secondary">{t('children.sortLabel')}</Typography.Text>
                <Select
                  aria-label={t('children.sortLabel')}
                  value={state.sort ?? INITIAL_LIST_STATE.sort}
                  style={{ flex: 1 }}
                  onChange={(sort: ChildSort) => setState({ ...state, sort, order: 'asc', page: 1 })}
                  options={MOBILE_SORTS.map((k) => ({ value: k, label: t(`children.sort.${k}`) }))}
                />
              </Flex>
            ) : null
          }
          rowKey="id"
          items={data?.items}
          total={data?.total}
          loading={loading}
          columns={columns}
          renderMobile={(c) => <ChildMobileItem child={c} />}
          paging={{ page: state.page, pageSize: state.pageSize, onChange: onPage }}
          emptyText={t('children.empty')}
          tableProps={{
            scroll: { x: 1070 },
            showSorterTooltip: false,
            onChange: (_p, _f, sorter, extra) => {
              if (extra.action === 'sort') onSort(sorter);
            },
          }}
        />
      )}
    </>
  );
}
