/**
 * 未保站名册: the 12 street minor-protection stations with their members by role, the coverage
 * check (every station has a head and a prosecutor deputy head from 区检察院) as a list of gaps,
 * and for workforce.manage holders adding, editing and ending members of their own street's station
 * (the district: every station). Phones only for workforce.read holders (the server blanks them).
 */
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, DatePicker, Flex, Form, Input, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { ErrorResult } from '../../components/ErrorResult';
import { FormModal } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { useApiError } from '../../hooks/useApiError';
import { useT } from '../../i18n/useT';
import { STATION_ROLES, staffingApi, staffingKeys, type Station, type StationMember, type StationRole } from './api';

export default function StationsPage() {
  const t = useT();
  const [history, setHistory] = useState(false);
  const [editing, setEditing] = useState<{ street: Station; member: StationMember | null } | null>(null);
  const q = useQuery({ queryKey: staffingKeys.stations(history), queryFn: () => staffingApi.stations(history) });
  const d = q.data;
  return (
    <>
      <PageHeader title={t('staffing.nav.stations')} />
      {q.error ? <ErrorResult error={q.error} onRetry={() => void q.refetch()} /> : null}
      {d ? (
        d.gaps.length ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="station-gaps"
            message={t('staffing.gaps.title', { n: d.gaps.length })}
            description={d.gaps.map((g) => `${g.streetName}：${t('staffing.gaps.missing', { role: t(`staffing.role.${g.role}`) })}`).join('；')}
          />
        ) : (
          <Alert type="success" showIcon style={{ marginBottom: 12 }} data-testid="station-gaps" message={t('staffing.gaps.none')} />
        )
      ) : null}
      <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
        <Checkbox checked={history} onChange={(e) => setHistory(e.target.checked)}>
          {t('staffing.history')}
        </Checkbox>
        {d && !d.phonesShown ? <Typography.Text type="secondary">{t('staffing.phonesHidden')}</Typography.Text> : null}
      </Flex>
      <Flex vertical gap={12}>
        {(d?.items ?? []).map((s) => (
          <Card
            key={s.streetCode}
            size="small"
            data-testid={`station-${s.streetCode}`}
            title={
              <Space wrap>
                {s.streetName}
                {s.missing.map((r) => (
                  <Tag key={r} color="red">
                    {t('staffing.gaps.missing', { role: t(`staffing.role.${r}`) })}
                  </Tag>
                ))}
              </Space>
            }
            extra={
              s.canManage ? (
                <Button size="small" icon={<PlusOutlined />} onClick={() => setEditing({ street: s, member: null })}>
                  {t('staffing.act.addMember')}
                </Button>
              ) : null
            }
          >
            {s.members.length === 0 ? <Typography.Text type="secondary">{t('staffing.empty.members')}</Typography.Text> : null}
            <Flex vertical gap={6}>
              {s.members.map((m) => (
                <Flex key={m.id} justify="space-between" align="center" gap={8} wrap style={{ opacity: m.until && m.until <= (d?.today ?? '') ? 0.55 : 1 }}>
                  <Space size={6} wrap>
                    <Tag color={m.role === 'prosecutor_deputy' ? 'purple' : m.role === 'head' ? 'blue' : 'default'}>{t(`staffing.role.${m.role}`)}</Tag>
                    <Typography.Text strong>{m.personName}</Typography.Text>
                    {m.title ? <Typography.Text type="secondary">{m.title}</Typography.Text> : null}
                    {m.unitName ? <Typography.Text type="secondary">· {m.unitName}</Typography.Text> : null}
                    {m.phone ? <Typography.Text type="secondary">· {m.phone}</Typography.Text> : null}
                    <Typography.Text type="secondary">
                      · {m.since}
                      {m.until ? ` — ${m.until}` : ` ${t('staffing.member.since')}`}
                    </Typography.Text>
                  </Space>
                  {s.canManage && !m.until ? <MemberActions member={m} today={d?.today ?? ''} onEdit={() => setEditing({ street: s, member: m })} /> : null}
                </Flex>
              ))}
            </Flex>
          </Card>
        ))}
      </Flex>
      {editing && d ? <MemberModal station={editing.street} member={editing.member} units={d.units} today={d.today} onClose={() => setEditing(null)} /> : null}
    </>
  );
}

function MemberActions({ member, today, onEdit }: { member: StationMember; today: string; onEdit: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const showError = useApiError();
  const end = async () => {
    try {
      await staffingApi.endMember(member.id, today, member.version);
      void message.success(t('staffing.member.ended'));
      await qc.invalidateQueries({ queryKey: staffingKeys.all });
    } catch (err) {
      showError(err);
    }
  };
  return (
    <Space size={4}>
      <Button size="small" onClick={onEdit}>
        {t('staffing.act.edit')}
      </Button>
      <Popconfirm title={t('staffing.member.endAsk', { name: member.personName })} description={t('staffing.member.endHelp')} onConfirm={() => void end()}>
        <Button size="small" danger>
          {t('staffing.act.end')}
        </Button>
      </Popconfirm>
    </Space>
  );
}

interface MemberForm {
  role: StationRole;
  personName: string;
  unitCode?: string;
  title?: string;
  phone?: string;
  since: Dayjs;
  note?: string;
}

function MemberModal(props: { station: Station; member: StationMember | null; units: { code: string; name: string }[]; today: string; onClose: () => void }) {
  const { station, member, units, today, onClose } = props;
  const t = useT();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<MemberForm>();
  const role = Form.useWatch('role', form);
  const req = (label: string) => [{ required: true, whitespace: true, message: t('staffing.required', { label }) }];
  return (
    <FormModal<MemberForm>
      form={form}
      layout="vertical"
      title={`${station.streetName} · ${member ? t('staffing.act.edit') : t('staffing.act.addMember')}`}
      onClose={onClose}
      initialValues={
        member
          ? {
              role: member.role,
              personName: member.personName,
              unitCode: member.unitCode ?? undefined,
              title: member.title ?? undefined,
              phone: member.phone ?? undefined,
              since: dayjs(member.since),
              note: member.note ?? undefined,
            }
          : { role: station.missing[0] ?? 'member', since: dayjs(today) }
      }
      onSubmit={async (v) => {
        const body = {
          role: v.role,
          personName: v.personName,
          unitCode: v.role === 'prosecutor_deputy' ? 'procuratorate' : (v.unitCode ?? null),
          title: v.title ?? null,
          phone: v.phone ?? null,
          since: v.since.format('YYYY-MM-DD'),
          note: v.note ?? null,
        };
        if (member) await staffingApi.updateMember(member.id, { ...body, version: member.version });
        else await staffingApi.addMember({ ...body, streetCode: station.streetCode });
        void message.success(t('staffing.saved'));
        await qc.invalidateQueries({ queryKey: staffingKeys.all });
        onClose();
      }}
    >
      <Form.Item
        name="role"
        label={t('staffing.member.role')}
        rules={[{ required: true, message: t('staffing.required', { label: t('staffing.member.role') }) }]}
      >
        <Select options={STATION_ROLES.map((r) => ({ value: r, label: t(`staffing.role.${r}`) }))} />
      </Form.Item>
      <Form.Item name="personName" label={t('staffing.member.name')} rules={req(t('staffing.member.name'))}>
        <Input maxLength={40} />
      </Form.Item>
      {role === 'prosecutor_deputy' ? (
        <Typography.Paragraph type="secondary">{t('staffing.member.prosecutorUnit')}</Typography.Paragraph>
      ) : (
        <Form.Item name="unitCode" label={t('staffing.member.unit')}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={units.map((u) => ({ value: u.code, label: u.name }))} />
        </Form.Item>
      )}
      <Flex gap={12} wrap>
        <Form.Item name="title" label={t('staffing.member.title')} style={{ flex: 1, minWidth: 160 }}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('staffing.member.phone')}
          style={{ flex: 1, minWidth: 160 }}
          rules={[{ pattern: /^[0-9-]{0,20}$/, message: t('staffing.member.phoneBad') }]}
        >
          <Input maxLength={20} inputMode="tel" />
        </Form.Item>
      </Flex>
      <Form.Item
        name="since"
        label={t('staffing.member.sinceLabel')}
        rules={[{ required: true, message: t('staffing.required', { label: t('staffing.member.sinceLabel') }) }]}
      >
        <DatePicker format="YYYY-MM-DD" allowClear={false} />
      </Form.Item>
      <Form.Item name="note" label={t('staffing.member.note')}>
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
    </FormModal>
  );
}
