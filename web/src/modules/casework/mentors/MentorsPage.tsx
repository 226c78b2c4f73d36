import { useState } from 'react';
import { App, Button, Card, Col, Flex, Form, Input, List, Progress, Row, Segmented, Select, Switch, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router';
import type { Coverage, CoverageRow, GapChild, GapList, Mentor, MentorKind, MentorList } from '@common/casework';
import { api, seg } from '../../../api/client';
import { useAuth, useMe } from '../../../auth/useAuth';
import { ErrorResult } from '../../../components/ErrorResult';
import { FormModal } from '../../../components/FormModal';
import { ageOf } from '../../../components/format';
import { PageHeader } from '../../../components/PageHeader';
import { TAG_COLOR } from '../../../components/tagColors';
import { useApi } from '../../../hooks/useApi';
import { useIsMobile } from '../../../hooks/useIsMobile';
import { useLocalName } from '../../../hooks/useLocalName';
import { useStreets } from '../../../hooks/useOrg';
import { useT } from '../../../i18n/useT';
import type { MessageKey } from '../../../locales/zh-CN';
import { MENTOR_KINDS, mentorKindLabel, percent } from '../shared';

/** 导师与伙伴 (全员导师制): coverage by street, the children still without one, and the people. */
export default function MentorsPage() {
  const t = useT();
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'coverage';
  const setTab = (key: string) => setParams({ tab: key }, { replace: true });

  return (
    <>
      <PageHeader title={t('casework.mentors.title')} />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'coverage', label: t('casework.mentors.coverage'), children: <CoverageTable onGaps={() => setTab('gaps')} /> },
          { key: 'gaps', label: t('casework.mentors.gaps'), children: <GapsList /> },
          ...(can('mentors.manage') ? [{ key: 'people', label: t('casework.mentors.people'), children: <PeopleList /> }] : []),
        ]}
      />
    </>
  );
}

function Share({ part, whole }: { part: number; whole: number }) {
  const value = whole ? Math.round((part / whole) * 1000) / 10 : 0;
  const color = !whole ? undefined : value >= 90 ? '#52c41a' : value >= 70 ? '#faad14' : '#ff4d4f';
  return (
    <Flex vertical gap={0} style={{ minWidth: 110 }}>
      <span>
        {part} <Typography.Text type="secondary">({percent(part, whole)})</Typography.Text>
      </span>
      <Progress percent={value} showInfo={false} size="small" strokeColor={color} />
    </Flex>
  );
}

function CoverageTable({ onGaps }: { onGaps: () => void }) {
  const t = useT();
  const { data, loading, error, reload } = useApi(() => api.get<Coverage>('/api/mentors/coverage'), []);
  if (error && !data) return <ErrorResult error={error} onRetry={reload} />;
  const total = data?.total;

  const columns: TableColumnsType<CoverageRow> = [
    { title: t('casework.street'), dataIndex: 'streetName', fixed: 'left', width: 120 },
    { title: t('casework.mentors.children'), dataIndex: 'children', width: 90, align: 'right' },
    { title: t('casework.mentors.withMentor'), key: 'm', width: 150, render: (_, r) => <Share part={r.withMentor} whole={r.children} />, sorter: (a, b) => a.withMentor / (a.children || 1) - b.withMentor / (b.children || 1) },
    { title: t('casework.mentors.withBuddy'), key: 'b', width: 150, render: (_, r) => <Share part={r.withBuddy} whole={r.children} />, sorter: (a, b) => a.withBuddy / (a.children || 1) - b.withBuddy / (b.children || 1) },
    { title: t('casework.mentors.withBoth'), key: 'both', width: 150, render: (_, r) => <Share part={r.withBoth} whole={r.children} />, sorter: (a, b) => a.withBoth / (a.children || 1) - b.withBoth / (b.children || 1) },
  ];

  return (
    <>
      <Typography.Paragraph type="secondary">{t('casework.mentors.coverageNote')}</Typography.Paragraph>
      {total ? (
        <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
          {([['casework.mentors.withMentor', total.withMentor], ['casework.mentors.withBuddy', total.withBuddy], ['casework.mentors.withBoth', total.withBoth]] as [MessageKey, number][]).map(([label, n]) => (
            <Col key={label} xs={12} md={6} xl={5}>
              <Card size="small" style={{ height: '100%' }}>
                <Typography.Text type="secondary">{t(label)}</Typography.Text>
                <Flex align="baseline" gap={8} wrap>
                  <Typography.Title level={3} style={{ margin: 0 }}>
                    {percent(n, total.children)}
                  </Typography.Title>
                  <Typography.Text type="secondary">{t('casework.mentors.ofChildren', { n, total: total.children })}</Typography.Text>
                </Flex>
              </Card>
            </Col>
          ))}
          <Col xs={12} md={6} xl={5}>
            <Card size="small" style={{ height: '100%' }} hoverable onClick={onGaps}>
              <Typography.Text type="secondary">{t('casework.mentors.withoutMentor')}</Typography.Text>
              <Typography.Title level={3} style={{ margin: 0, color: total.children - total.withMentor ? '#cf1322' : undefined }}>
                {total.children - total.withMentor}
              </Typography.Title>
            </Card>
          </Col>
        </Row>
      ) : null}
      <Table<CoverageRow>
        // Rows carry a `children` field of their own: not tree data.
        expandable={{ childrenColumnName: 'noTreeData' }}
        rowKey="streetCode"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={data?.items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        summary={() =>
          total && (data?.items.length ?? 0) > 1 ? (
            <Table.Summary fixed>
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>
                  <Typography.Text strong>{t('casework.mentors.total')}</Typography.Text>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">
                  <Typography.Text strong>{total.children}</Typography.Text>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2}>
                  <Share part={total.withMentor} whole={total.children} />
                </Table.Summary.Cell>
                <Table.Summary.Cell index={3}>
                  <Share part={total.withBuddy} whole={total.children} />
                </Table.Summary.Cell>
                <Table.Summary.Cell index={4}>
                  <Share part={total.withBoth} whole={total.children} />
                </Table.Summary.Cell>
              </Table.Summary.Row>
            </Table.Summary>
          ) : null
        }
      />
    </>
  );
}

const RISK_COLOR = { high: TAG_COLOR.danger, medium: TAG_COLOR.warning, low: TAG_COLOR.ok } as const;

function GapsList() {
  const t = useT();
  const mobile = useIsMobile();
  const [kind, setKind] = useState<MentorKind>('mentor');
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const { data, loading, error, reload } = useApi(() => api.get<GapList>('/api/mentors/gaps', { kind, ...page }), [kind, page]);

  const pagination = {
    current: page.page,
    pageSize: page.pageSize,
    total: data?.total ?? 0,
    showSizeChanger: !mobile,
    showTotal: (total: number) => t('common.total', { total }),
    onChange: (p: number, pageSize: number) => setPage({ page: pageSize === page.pageSize ? p : 1, pageSize }),
  };
  const risk = (r: GapChild['riskLevel']) => <Tag color={RISK_COLOR[r]}>{t(`casework.risk.${r}` as MessageKey)}</Tag>;
  const columns: TableColumnsType<GapChild> = [
    { title: t('casework.child'), dataIndex: 'name', fixed: 'left', width: 100, render: (v: string, r) => <Link to={`/children/${seg(r.id)}?tab=mentor`}>{v}</Link> },
    { title: t('casework.age'), dataIndex: 'birthDate', width: 80, render: (b: string) => t('casework.ageValue', { age: ageOf(b) ?? '—' }) },
    { title: t('casework.street'), dataIndex: 'streetName', width: 120 },
    { title: t('casework.committee'), dataIndex: 'committeeName', width: 160 },
    { title: t('casework.riskLevel'), dataIndex: 'riskLevel', width: 90, render: risk },
    {
      title: t(kind === 'mentor' ? 'casework.mentors.hasBuddy' : 'casework.mentors.hasMentor'),
      key: 'other',
      width: 110,
      render: (_, r) => ((kind === 'mentor' ? r.hasBuddy : r.hasMentor) ? t('casework.yes') : t('casework.no')),
    },
  ];

  return (
    <>
      <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
        <Segmented
          value={kind}
          onChange={(v) => {
            setKind(v as MentorKind);
            setPage({ ...page, page: 1 });
          }}
          options={[
            { value: 'mentor', label: t('casework.mentors.noMentor') },
            { value: 'buddy', label: t('casework.mentors.noBuddy') },
          ]}
        />
        <Typography.Text type="secondary">{t('casework.mentors.gapsNote')}</Typography.Text>
      </Flex>
      {error && !data ? (
        <ErrorResult error={error} onRetry={reload} />
      ) : mobile ? (
        <Card size="small" styles={{ body: { padding: '0 12px' } }}>
          <List<GapChild>
            loading={loading}
            dataSource={data?.items}
            pagination={{ ...pagination, size: 'small', align: 'center' }}
            locale={{ emptyText: t('casework.mentors.noGaps') }}
            renderItem={(r) => (
              <List.Item>
                <Link to={`/children/${seg(r.id)}?tab=mentor`} style={{ color: 'inherit', width: '100%' }}>
                  <Flex justify="space-between" align="center" gap={8}>
                    <Flex vertical gap={2}>
                      <Flex gap={6} align="center">
                        <Typography.Text strong>{r.name}</Typography.Text>
                        {risk(r.riskLevel)}
                      </Flex>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {r.streetName} · {r.committeeName}
                      </Typography.Text>
                    </Flex>
                    <Typography.Text style={{ color: '#1d5fa8', whiteSpace: 'nowrap' }}>{t('casework.mentors.assign')}</Typography.Text>
                  </Flex>
                </Link>
              </List.Item>
            )}
          />
        </Card>
      ) : (
        <Table<GapChild>
          rowKey="id"
          size="middle"
          loading={loading}
          columns={columns}
          dataSource={data?.items}
          scroll={{ x: 'max-content' }}
          pagination={pagination}
          locale={{ emptyText: t('casework.mentors.noGaps') }}
        />
      )}
    </>
  );
}

function PeopleList() {
  const t = useT();
  const mobile = useIsMobile();
  const [kind, setKind] = useState<MentorKind | undefined>(undefined);
  const [q, setQ] = useState('');
  const [inactive, setInactive] = useState(false);
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [editing, setEditing] = useState<Mentor | 'new' | null>(null);
  const { data, loading, error, reload } = useApi(
    () => api.get<MentorList>('/api/mentors', { kind, q: q || undefined, includeInactive: inactive ? 'true' : undefined, ...page }),
    [kind, q, inactive, page],
  );
  const pagination = {
    current: page.page,
    pageSize: page.pageSize,
    total: data?.total ?? 0,
    showSizeChanger: !mobile,
    showTotal: (total: number) => t('common.total', { total }),
    onChange: (p: number, pageSize: number) => setPage({ page: pageSize === page.pageSize ? p : 1, pageSize }),
  };
  const kindTag = (k: MentorKind) => <Tag color={k === 'mentor' ? 'geekblue' : 'cyan'}>{mentorKindLabel(t, k)}</Tag>;
  const columns: TableColumnsType<Mentor> = [
    { title: t('casework.mentor.name'), dataIndex: 'name', fixed: 'left', width: 100 },
    { title: t('casework.mentor.kind'), dataIndex: 'kind', width: 100, render: kindTag },
    { title: t('casework.mentor.organisation'), dataIndex: 'organisation', width: 220 },
    { title: t('casework.mentor.phone'), dataIndex: 'phoneMasked', width: 130, render: (v: string | null) => <span className="mono">{v ?? '—'}</span> },
    { title: t('casework.street'), dataIndex: 'streetName', width: 120, render: (v: string | null) => v ?? t('casework.mentor.districtWide') },
    { title: t('casework.mentor.childCount'), dataIndex: 'childCount', width: 90, align: 'right' },
    {
      title: t('casework.mentor.status'),
      dataIndex: 'active',
      width: 80,
      render: (a: boolean) => (a ? <Tag color={TAG_COLOR.ok}>{t('common.active')}</Tag> : <Tag color={TAG_COLOR.closed}>{t('common.inactive')}</Tag>),
    },
    { title: t('common.actions'), key: 'actions', fixed: 'right', width: 80, render: (_, m) => <Button type="link" size="small" onClick={() => setEditing(m)}>{t('common.edit')}</Button> },
  ];
  return (
    <>
      <Flex gap={12} wrap align="center" justify="space-between" style={{ marginBottom: 12 }}>
        <Flex gap={12} wrap align="center">
          <Segmented
            value={kind ?? 'all'}
            onChange={(v) => {
              setKind(v === 'all' ? undefined : (v as MentorKind));
              setPage({ ...page, page: 1 });
            }}
            options={[{ value: 'all', label: t('common.all') }, ...MENTOR_KINDS.map((k) => ({ value: k, label: mentorKindLabel(t, k) }))]}
          />
          <Input.Search
            allowClear
            placeholder={t('casework.mentors.search')}
            onSearch={(v) => {
              setQ(v.trim());
              setPage({ ...page, page: 1 });
            }}
            style={{ width: mobile ? '100%' : 240 }}
          />
          <Flex gap={6} align="center">
            <Switch size="small" checked={inactive} onChange={setInactive} />
            <Typography.Text type="secondary">{t('casework.mentors.includeInactive')}</Typography.Text>
          </Flex>
        </Flex>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {t('casework.mentor.create')}
        </Button>
      </Flex>
      {error && !data ? (
        <ErrorResult error={error} onRetry={reload} />
      ) : mobile ? (
        <Card size="small" styles={{ body: { padding: '0 12px' } }}>
          <List<Mentor>
            loading={loading}
            dataSource={data?.items}
            pagination={{ ...pagination, size: 'small', align: 'center' }}
            renderItem={(m) => (
              <List.Item extra={<Button type="link" size="small" onClick={() => setEditing(m)}>{t('common.edit')}</Button>}>
                <Flex vertical gap={2} style={{ minWidth: 0 }}>
                  <Flex gap={6} align="center" wrap>
                    <Typography.Text strong>{m.name}</Typography.Text>
                    {kindTag(m.kind)}
                    {m.active ? null : <Tag color={TAG_COLOR.closed}>{t('common.inactive')}</Tag>}
                  </Flex>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {m.organisation} · {m.streetName ?? t('casework.mentor.districtWide')} · {t('casework.mentors.childCount', { n: m.childCount })}
                  </Typography.Text>
                  {m.phoneMasked ? <Typography.Text type="secondary" className="mono" style={{ fontSize: 12 }}>{m.phoneMasked}</Typography.Text> : null}
                </Flex>
              </List.Item>
            )}
          />
        </Card>
      ) : (
        <Table<Mentor> rowKey="id" size="middle" loading={loading} columns={columns} dataSource={data?.items} scroll={{ x: 'max-content' }} pagination={pagination} />
      )}
      {editing ? (
        <MentorFormModal
          mentor={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            reload();
          }}
        />
      ) : null}
    </>
  );
}

interface MentorValues { kind: MentorKind; name: string; organisation: string; phone?: string; streetCode?: string | null; active?: boolean }

function MentorFormModal({ mentor, onClose, onSaved }: { mentor: Mentor | null; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const name = useLocalName();
  const mobile = useIsMobile();
  const me = useMe();
  const { message } = App.useApp();
  const [form] = Form.useForm<MentorValues>();
  const streets = useStreets();
  const scope = me.scope.kind === 'district' ? null : new Set(me.scope.streets);
  const streetOptions = (streets.data?.items ?? []).filter((s) => !scope || scope.has(s.code)).map((s) => ({ value: s.code, label: name(s) }));

  const submit = async (v: MentorValues) => {
    // The phone is never sent back to the interface: leaving it empty on edit keeps the stored one.
    const phone = v.phone?.trim() ? v.phone.trim() : undefined;
    if (mentor) {
      await api.patch(`/api/mentors/${seg(mentor.id)}`, { name: v.name.trim(), organisation: v.organisation.trim(), phone, streetCode: v.streetCode ?? null, active: v.active });
    } else {
      await api.post('/api/mentors', { kind: v.kind, name: v.name.trim(), organisation: v.organisation.trim(), phone: phone ?? null, streetCode: v.streetCode ?? null });
    }
    void message.success(t('casework.saved'));
    onSaved();
  };

  return (
    <FormModal<MentorValues>
      form={form}
      title={mentor ? t('casework.mentor.edit') : t('casework.mentor.create')}
      onClose={onClose}
      onSubmit={submit}
      layout={mobile ? 'vertical' : 'horizontal'}
      labelCol={mobile ? undefined : { span: 6 }}
      initialValues={
        mentor
          ? { kind: mentor.kind, name: mentor.name, organisation: mentor.organisation, streetCode: mentor.streetCode, active: mentor.active }
          : { kind: 'mentor', streetCode: me.scope.kind === 'street' && me.scope.streets.length === 1 ? me.scope.streets[0] : undefined }
      }
    >
      <Form.Item name="kind" label={t('casework.mentor.kind')} rules={[{ required: true }]}>
        <Select disabled={!!mentor} options={MENTOR_KINDS.map((k) => ({ value: k, label: mentorKindLabel(t, k) }))} />
      </Form.Item>
      <Form.Item name="name" label={t('casework.mentor.name')} rules={[{ required: true, whitespace: true, message: t('casework.mentor.nameRequired') }]}>
        <Input maxLength={40} />
      </Form.Item>
      <Form.Item name="organisation" label={t('casework.mentor.organisation')} rules={[{ required: true, whitespace: true, message: t('casework.mentor.organisationRequired') }]}>
        <Input maxLength={100} placeholder={t('casework.mentor.organisationPlaceholder')} />
      </Form.Item>
      <Form.Item
        name="phone"
        label={t('casework.mentor.phone')}
        extra={mentor?.phoneMasked ? t('casework.mentor.phoneKeep', { phone: mentor.phoneMasked }) : undefined}
        rules={[{ pattern: /^(1\d{10}|0\d{2,3}-?\d{7,8}|\d{8})$/, message: t('casework.mentor.phoneRule') }]}
      >
        <Input maxLength={20} inputMode="tel" placeholder={mentor ? undefined : t('common.optional')} />
      </Form.Item>
      <Form.Item name="streetCode" label={t('casework.street')} extra={t('casework.mentor.streetHint')}>
        <Select allowClear options={streetOptions} placeholder={t('casework.mentor.districtWide')} disabled={me.scope.kind !== 'district' && me.scope.streets.length === 1} />
      </Form.Item>
      {mentor ? (
        <Form.Item name="active" label={t('casework.mentor.status')} valuePropName="checked">
          <Switch checkedChildren={t('common.active')} unCheckedChildren={t('common.inactive')} />
        </Form.Item>
      ) : null}
    </FormModal>
  );
}
