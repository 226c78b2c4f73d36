import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Select,
  Switch,
  Table,
  Tabs,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { ErrorResult } from '../../components/ErrorResult';
import { FormModal } from '../../components/FormModal';
import { ListScaffold } from '../../components/ListScaffold';
import { useApiError } from '../../hooks/useApiError';
import { useStreets, useUnits } from '../../hooks/useOrg';
import { useT } from '../../i18n/useT';
import {
  REFERRAL_SECTIONS,
  referralKeys,
  referralsApi,
  type CalendarDay,
  type Receiver,
  type ReceiverUpsert,
  type ReferralKindInfo,
  type ReferralKindUpdate,
  type ReferralSettings,
} from './api';

// ---- the service directory ----

interface ReceiverValues {
  unitCode: string;
  kinds: string[];
  minAge?: number | null;
  maxAge?: number | null;
  streets: string[];
  contactName?: string;
  contactPhone?: string;
  capacity?: number | null;
  services?: string;
  active: boolean;
}

function ReceiverModal({ receiver, kinds, onClose }: { receiver: Receiver | null; kinds: ReferralKindInfo[]; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<ReceiverValues>();
  const units = useUnits();
  const streets = useStreets();
  const save = async (v: ReceiverValues) => {
    const body: ReceiverUpsert = {
      unitCode: v.unitCode,
      kinds: v.kinds,
      minAge: v.minAge ?? null,
      maxAge: v.maxAge ?? null,
      streets: v.streets,
      contactName: v.contactName?.trim() || null,
      contactPhone: v.contactPhone?.trim() || null,
      capacity: v.capacity ?? null,
      services: v.services?.trim() || null,
      active: v.active,
      version: receiver?.version,
    };
    if (receiver) await referralsApi.updateReceiver(receiver.id, body);
    else await referralsApi.addReceiver(body);
    void message.success(t('common.saved'));
    await qc.invalidateQueries({ queryKey: ['referrals', 'receivers'] });
    onClose();
  };
  return (
    <FormModal<ReceiverValues>
      form={form}
      title={t(receiver ? 'referrals.dir.edit' : 'referrals.dir.add')}
      onClose={onClose}
      onSubmit={save}
      width={640}
      layout="vertical"
      initialValues={
        receiver
          ? { ...receiver, contactName: receiver.contactName ?? undefined, contactPhone: receiver.contactPhone ?? undefined }
          : { kinds: [], streets: [], active: true }
      }
    >
      <Form.Item name="unitCode" label={t('referrals.dir.unit')} rules={[{ required: true, message: t('referrals.dir.unitRequired') }]}>
        <Select
          disabled={Boolean(receiver)}
          showSearch={{ optionFilterProp: 'label' }}
          loading={units.loading}
          options={(units.data?.items ?? []).filter((u) => u.active).map((u) => ({ value: u.code, label: u.name }))}
        />
      </Form.Item>
      <Form.Item name="kinds" label={t('referrals.dir.kinds')} rules={[{ required: true, type: 'array', min: 1, message: t('referrals.dir.kindsRequired') }]}>
        <Checkbox.Group options={kinds.map((k) => ({ value: k.code, label: k.name }))} />
      </Form.Item>
      <Flex gap={12}>
        <Form.Item name="minAge" label={t('referrals.dir.minAge')} style={{ flex: 1 }}>
          <InputNumber min={0} max={25} style={{ width: '100%' }} placeholder={t('referrals.dir.anyAge')} />
        </Form.Item>
        <Form.Item name="maxAge" label={t('referrals.dir.maxAge')} style={{ flex: 1 }}>
          <InputNumber min={0} max={25} style={{ width: '100%' }} placeholder={t('referrals.dir.anyAge')} />
        </Form.Item>
        <Form.Item name="capacity" label={t('referrals.dir.capacity')} style={{ flex: 1 }}>
          <InputNumber min={0} style={{ width: '100%' }} />
        </Form.Item>
      </Flex>
      <Form.Item name="streets" label={t('referrals.dir.streets')}>
        <Select
          mode="multiple"
          allowClear
          placeholder={t('referrals.dir.allStreets')}
          loading={streets.loading}
          options={(streets.data?.items ?? []).map((s) => ({ value: s.code, label: s.name }))}
        />
      </Form.Item>
      <Flex gap={12}>
        <Form.Item name="contactName" label={t('referrals.dir.contact')} style={{ flex: 1 }}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="contactPhone" label={t('referrals.dir.phone')} style={{ flex: 1 }}>
          <Input maxLength={30} />
        </Form.Item>
      </Flex>
      <Form.Item name="services" label={t('referrals.dir.services')}>
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
      <Form.Item name="active" label={t('referrals.dir.active')} valuePropName="checked">
        <Switch />
      </Form.Item>
    </FormModal>
  );
}

function ReceiversTab({ kinds }: { kinds: ReferralKindInfo[] }) {
  const t = useT();
  const q = { includeInactive: true };
  const list = useQuery({ queryKey: referralKeys.receivers(q), queryFn: () => referralsApi.receivers(q) });
  const [editing, setEditing] = useState<Receiver | 'new' | null>(null);
  const kindName = (code: string) => kinds.find((k) => k.code === code)?.name ?? code;
  const columns: TableColumnsType<Receiver> = [
    { title: t('referrals.dir.unit'), dataIndex: 'unitName', width: 150 },
    { title: t('referrals.dir.kinds'), dataIndex: 'kinds', render: (ks: string[]) => ks.map((k) => <Tag key={k}>{kindName(k)}</Tag>) },
    {
      title: t('referrals.dir.ages'),
      key: 'ages',
      width: 90,
      render: (_, r) => (r.minAge === null && r.maxAge === null ? t('referrals.dir.anyAge') : `${r.minAge ?? 0}–${r.maxAge ?? '…'}`),
    },
    { title: t('referrals.dir.streets'), dataIndex: 'streets', width: 110, render: (s: string[]) => (s.length ? s.length : t('referrals.dir.allStreets')) },
    { title: t('referrals.dir.contact'), key: 'contact', width: 150, render: (_, r) => [r.contactName, r.contactPhone].filter(Boolean).join(' · ') || '—' },
    { title: t('referrals.dir.services'), dataIndex: 'services', ellipsis: true },
    { title: t('referrals.dir.active'), dataIndex: 'active', width: 70, render: (a: boolean) => (a ? t('common.active') : t('common.inactive')) },
    {
      title: t('common.actions'),
      key: 'edit',
      width: 80,
      render: (_, r) => (
        <Button type="link" size="small" onClick={() => setEditing(r)}>
          {t('common.edit')}
        </Button>
      ),
    },
  ];
  if (list.error && !list.data) return <ErrorResult error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <Flex vertical gap={12}>
      <Flex justify="flex-end">
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {t('referrals.dir.add')}
        </Button>
      </Flex>
      <ListScaffold<Receiver> rowKey="id" loading={list.isFetching} columns={columns} items={list.data?.items} tableProps={{ scroll: { x: 1000 } }} />
      {editing ? <ReceiverModal receiver={editing === 'new' ? null : editing} kinds={kinds} onClose={() => setEditing(null)} /> : null}
    </Flex>
  );
}

// ---- kinds ----

function KindModal({ kind, onClose }: { kind: ReferralKindInfo; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<ReferralKindUpdate>();
  const save = async (v: ReferralKindUpdate) => {
    await referralsApi.updateKind(kind.code, { sections: v.sections, defaultDays: v.defaultDays, active: v.active });
    void message.success(t('common.saved'));
    await qc.invalidateQueries({ queryKey: referralKeys.kinds });
    onClose();
  };
  return (
    <FormModal<ReferralKindUpdate>
      form={form}
      title={t('referrals.dir.kind.edit', { name: kind.name })}
      onClose={onClose}
      onSubmit={save}
      layout="vertical"
      initialValues={{ sections: kind.sections, defaultDays: kind.defaultDays, active: kind.active }}
    >
      <Form.Item name="sections" label={t('referrals.dir.kind.sections')}>
        <Checkbox.Group options={REFERRAL_SECTIONS.map((s) => ({ value: s, label: t(`referrals.section.${s}`), disabled: s === 'identity' }))} />
      </Form.Item>
      <Form.Item name="defaultDays" label={t('referrals.dir.kind.days')} rules={[{ required: true, message: t('common.required') }]}>
        <InputNumber min={1} max={365} />
      </Form.Item>
      <Form.Item name="active" label={t('referrals.dir.kind.active')} valuePropName="checked">
        <Switch />
      </Form.Item>
    </FormModal>
  );
}

function KindsTab({ kinds, loading }: { kinds: ReferralKindInfo[]; loading: boolean }) {
  const t = useT();
  const [editing, setEditing] = useState<ReferralKindInfo | null>(null);
  const columns: TableColumnsType<ReferralKindInfo> = [
    { title: t('referrals.dir.kind.name'), dataIndex: 'name', width: 200 },
    {
      title: t('referrals.dir.kind.sections'),
      dataIndex: 'sections',
      render: (s: ReferralKindInfo['sections']) => s.map((x) => <Tag key={x}>{t(`referrals.section.${x}`)}</Tag>),
    },
    {
      title: t('referrals.dir.kind.completion'),
      dataIndex: 'completion',
      width: 110,
      render: (c: ReferralKindInfo['completion']) => t(`referrals.completion.${c}`),
    },
    { title: t('referrals.dir.kind.days'), dataIndex: 'defaultDays', width: 130 },
    { title: t('referrals.dir.kind.active'), dataIndex: 'active', width: 70, render: (a: boolean) => (a ? t('common.active') : t('common.inactive')) },
    {
      title: t('common.actions'),
      key: 'edit',
      width: 80,
      render: (_, k) => (
        <Button type="link" size="small" onClick={() => setEditing(k)}>
          {t('common.edit')}
        </Button>
      ),
    },
  ];
  return (
    <>
      <ListScaffold<ReferralKindInfo> rowKey="code" loading={loading} columns={columns} items={kinds} tableProps={{ scroll: { x: 900 } }} />
      {editing ? <KindModal kind={editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}

// ---- settings ----

const SETTING_FIELDS: { name: keyof ReferralSettings; max: number }[] = [
  { name: 'ackWorkingDays', max: 30 },
  { name: 'channelAckHours', max: 72 },
  { name: 'remindBeforeDays', max: 30 },
  { name: 'districtAfterDays', max: 30 },
  { name: 'accessDaysAfter', max: 365 },
];

function SettingsTab() {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const qc = useQueryClient();
  const [form] = Form.useForm<ReferralSettings>();
  const [saving, setSaving] = useState(false);
  const q = useQuery({ queryKey: referralKeys.settings, queryFn: referralsApi.settings });
  if (q.error && !q.data) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <Card loading />;
  const save = async (v: ReferralSettings) => {
    setSaving(true);
    try {
      qc.setQueryData(referralKeys.settings, await referralsApi.saveSettings(v));
      void message.success(t('common.saved'));
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Form<ReferralSettings> form={form} layout="vertical" initialValues={q.data} onFinish={save} style={{ maxWidth: 420 }}>
      {SETTING_FIELDS.map((f) => (
        <Form.Item key={f.name} name={f.name} label={t(`referrals.set.${f.name}`)} rules={[{ required: true, message: t('common.required') }]}>
          <InputNumber min={f.name === 'remindBeforeDays' || f.name === 'accessDaysAfter' ? 0 : 1} max={f.max} style={{ width: 160 }} />
        </Form.Item>
      ))}
      <Button type="primary" htmlType="submit" loading={saving}>
        {t('common.save')}
      </Button>
    </Form>
  );
}

// ---- work calendar ----

interface DayRow extends CalendarDay {
  key: number;
}

function CalendarTab() {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const [year, setYear] = useState(dayjs().year());
  const q = useQuery({ queryKey: referralKeys.calendar(year), queryFn: () => referralsApi.calendar(year) });
  const [rows, setRows] = useState<DayRow[] | null>(null);
  const [loadedFor, setLoadedFor] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const stamp = q.data ? `${year}:${q.dataUpdatedAt}` : null;
  if (q.data && stamp !== loadedFor) {
    setLoadedFor(stamp);
    setRows(q.data.items.map((d, i) => ({ ...d, key: i })));
  }
  const edit = (key: number, patch: Partial<CalendarDay>) => setRows((rs) => (rs ?? []).map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const save = async () => {
    const items = (rows ?? []).filter((r) => r.day).map(({ day, kind, note }) => ({ day, kind, note: note.trim() }));
    setSaving(true);
    try {
      await referralsApi.saveCalendar(year, items);
      void message.success(t('common.saved'));
      await q.refetch();
    } catch (err) {
      showError(err);
    } finally {
      setSaving(false);
    }
  };
  const columns: TableColumnsType<DayRow> = [
    {
      title: t('referrals.cal.day'),
      dataIndex: 'day',
      width: 170,
      render: (_, r) => (
        <DatePicker
          aria-label={t('referrals.cal.day')}
          value={r.day ? dayjs(r.day) : null}
          onChange={(d) => edit(r.key, { day: d ? d.format('YYYY-MM-DD') : '' })}
          disabledDate={(d) => d.year() !== year}
        />
      ),
    },
    {
      title: t('referrals.cal.kind'),
      dataIndex: 'kind',
      width: 170,
      render: (_, r) => (
        <Select<CalendarDay['kind']>
          aria-label={t('referrals.cal.kind')}
          value={r.kind}
          style={{ width: 150 }}
          onChange={(kind) => edit(r.key, { kind })}
          options={[
            { value: 'holiday', label: t('referrals.cal.holiday') },
            { value: 'workday', label: t('referrals.cal.workday') },
          ]}
        />
      ),
    },
    {
      title: t('referrals.cal.note'),
      dataIndex: 'note',
      render: (_, r) => <Input aria-label={t('referrals.cal.note')} value={r.note} maxLength={50} onChange={(e) => edit(r.key, { note: e.target.value })} />,
    },
    {
      title: t('common.actions'),
      key: 'del',
      width: 80,
      render: (_, r) => (
        <Button type="link" danger size="small" onClick={() => setRows((rs) => (rs ?? []).filter((x) => x.key !== r.key))}>
          {t('common.delete')}
        </Button>
      ),
    },
  ];
  if (q.error && !q.data) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <Flex vertical gap={12}>
      <Flex gap={12} align="center" wrap>
        <Typography.Text>{t('referrals.cal.year')}</Typography.Text>
        <InputNumber aria-label={t('referrals.cal.year')} value={year} min={2020} max={2100} onChange={(y) => y && setYear(y)} />
        <Typography.Text type="secondary">{t('referrals.cal.hint')}</Typography.Text>
      </Flex>
      <Table<DayRow>
        rowKey="key"
        size="small"
        loading={q.isFetching}
        pagination={false}
        columns={columns}
        dataSource={[...(rows ?? [])].sort((a, b) => (a.day || '9').localeCompare(b.day || '9'))}
        scroll={{ x: 600 }}
      />
      <Flex gap={8}>
        <Button icon={<PlusOutlined />} onClick={() => setRows((rs) => [...(rs ?? []), { key: Date.now(), day: '', kind: 'holiday', note: '' }])}>
          {t('referrals.cal.add')}
        </Button>
        <Button type="primary" loading={saving} onClick={() => void save()}>
          {t('common.save')}
        </Button>
      </Flex>
    </Flex>
  );
}

/** 转介服务目录 (referrals.manage): who takes which referrals, the kinds, the deadlines, the work calendar. */
export default function DirectoryPage() {
  const t = useT();
  const kinds = useQuery({ queryKey: referralKeys.kinds, queryFn: referralsApi.kinds });
  const items = kinds.data?.items ?? [];
  return (
    <Card title={t('referrals.nav.directory')}>
      <Tabs
        destroyOnHidden
        items={[
          { key: 'receivers', label: t('referrals.dir.tab.receivers'), children: <ReceiversTab kinds={items} /> },
          { key: 'kinds', label: t('referrals.dir.tab.kinds'), children: <KindsTab kinds={items} loading={kinds.isFetching} /> },
          { key: 'settings', label: t('referrals.dir.tab.settings'), children: <SettingsTab /> },
          { key: 'calendar', label: t('referrals.dir.tab.calendar'), children: <CalendarTab /> },
        ]}
      />
    </Card>
  );
}
