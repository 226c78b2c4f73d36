/**
 * 寒暑假日历: the winter and summer holidays by year. Everyone with services.read reads it; the
 * district (services.manage) edits the dates — saving clears the "example dates" tag the shipped
 * placeholders carry.
 */
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Form, Input, Select, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { ErrorResult } from '../../components/ErrorResult';
import { FormModal } from '../../components/FormModal';
import { ListScaffold } from '../../components/ListScaffold';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../components/format';
import { useT } from '../../i18n/useT';
import { holidayKeys, holidaysApi, type SchoolHoliday, type Season } from './api';

export function SeasonName({ season }: { season: Season }) {
  const t = useT();
  return <>{season === 'winter' ? t('holidays.winter') : t('holidays.summer')}</>;
}

/** The warning tag of shipped example dates. */
export function PlaceholderTag({ placeholder }: { placeholder: boolean }) {
  const t = useT();
  return placeholder ? (
    <Tag color="orange" title={t('holidays.placeholderHint')} data-testid="holiday-placeholder">
      {t('holidays.placeholder')}
    </Tag>
  ) : null;
}

interface Values {
  year: number;
  season: Season;
  range: [Dayjs, Dayjs];
  note?: string;
}

type Row = SchoolHoliday & { key: string };

export default function HolidayCalendarPage() {
  const t = useT();
  const [editing, setEditing] = useState<SchoolHoliday | 'new' | null>(null);
  const q = useQuery({ queryKey: holidayKeys.calendar, queryFn: holidaysApi.calendar });
  const manage = Boolean(q.data?.canManage);
  const cur = q.data?.current;
  const isCurrent = (h: SchoolHoliday) => cur !== null && cur !== undefined && cur.year === h.year && cur.season === h.season;

  const columns: TableColumnsType<Row> = [
    {
      title: t('holidays.season'),
      key: 'season',
      render: (_, h) => (
        <Space size={4} wrap>
          {h.year}
          <SeasonName season={h.season} />
          {isCurrent(h) ? <Tag color="blue">{t('holidays.current')}</Tag> : null}
        </Space>
      ),
    },
    { title: t('holidays.dates'), key: 'dates', render: (_, h) => `${h.startsOn} ~ ${h.endsOn}` },
    {
      title: t('holidays.note'),
      key: 'note',
      render: (_, h) => (
        <Space size={4} wrap>
          <PlaceholderTag placeholder={h.placeholder} />
          {h.placeholder ? null : <Tag color="green">{t('holidays.confirmed')}</Tag>}
          <Typography.Text type="secondary">{h.note}</Typography.Text>
        </Space>
      ),
    },
    { title: t('holidays.updatedBy'), key: 'by', render: (_, h) => (h.updatedByName ? `${h.updatedByName} · ${formatDateTime(h.updatedAt)}` : '—') },
    ...(manage
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, h: Row) => (
              <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(h)} data-testid={`holiday-edit-${h.year}-${h.season}`}>
                {t('holidays.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={t('holidays.calendar.title')}
        extra={
          manage ? (
            <Button icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t('holidays.add')}
            </Button>
          ) : null
        }
      >
        <Typography.Paragraph type="secondary">{t('holidays.calendar.intro')}</Typography.Paragraph>
      </PageHeader>
      {q.error ? <ErrorResult error={q.error} onRetry={() => void q.refetch()} /> : null}
      <ListScaffold<Row>
        items={q.data?.items.map((h) => ({ ...h, key: `${h.year}-${h.season}` }))}
        loading={q.isLoading}
        rowKey="key"
        columns={columns}
        emptyText={t('holidays.empty')}
        renderMobile={(h) => (
          <Space direction="vertical" size={2} style={{ width: '100%' }}>
            <Space size={4} wrap>
              <Typography.Text strong>
                {h.year} <SeasonName season={h.season} />
              </Typography.Text>
              {isCurrent(h) ? <Tag color="blue">{t('holidays.current')}</Tag> : null}
              <PlaceholderTag placeholder={h.placeholder} />
            </Space>
            <Typography.Text>
              {h.startsOn} ~ {h.endsOn}
            </Typography.Text>
            {manage ? (
              <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(h)}>
                {t('holidays.edit')}
              </Button>
            ) : null}
          </Space>
        )}
      />
      {editing ? <HolidayForm holiday={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}

function HolidayForm({ holiday, onClose }: { holiday: SchoolHoliday | null; onClose: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  return (
    <FormModal<Values>
      form={form}
      title={
        holiday
          ? t('holidays.editTitle', { year: holiday.year, season: holiday.season === 'winter' ? t('holidays.winter') : t('holidays.summer') })
          : t('holidays.add')
      }
      onClose={onClose}
      layout="vertical"
      initialValues={
        holiday
          ? {
              year: holiday.year,
              season: holiday.season,
              range: [dayjs(holiday.startsOn), dayjs(holiday.endsOn)],
              note: holiday.placeholder ? '' : (holiday.note ?? ''),
            }
          : { year: dayjs().year() + 1, season: 'winter' }
      }
      intro={holiday?.placeholder ? <Alert type="warning" showIcon message={t('holidays.placeholderHint')} style={{ marginBottom: 12 }} /> : null}
      onSubmit={async (v) => {
        await holidaysApi.saveHoliday(v.year, v.season, {
          startsOn: v.range[0].format('YYYY-MM-DD'),
          endsOn: v.range[1].format('YYYY-MM-DD'),
          note: v.note?.trim() || null,
          ...(holiday ? { version: holiday.version } : {}),
        });
        void message.success(t('holidays.saved'));
        await qc.invalidateQueries({ queryKey: holidayKeys.all });
        onClose();
      }}
    >
      {holiday ? null : (
        <Space wrap>
          <Form.Item name="year" label={t('holidays.year')} rules={[{ required: true }]}>
            <Select style={{ width: 120 }} options={Array.from({ length: 6 }, (_, i) => dayjs().year() - 1 + i).map((y) => ({ value: y, label: String(y) }))} />
          </Form.Item>
          <Form.Item name="season" label={t('holidays.season')} rules={[{ required: true }]}>
            <Select
              style={{ width: 120 }}
              options={[
                { value: 'winter', label: t('holidays.winter') },
                { value: 'summer', label: t('holidays.summer') },
              ]}
            />
          </Form.Item>
        </Space>
      )}
      <Form.Item name="range" label={t('holidays.dates')} rules={[{ required: true, message: t('holidays.dates') }]}>
        <DatePicker.RangePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="note" label={t('holidays.note')}>
        <Input maxLength={200} />
      </Form.Item>
    </FormModal>
  );
}
