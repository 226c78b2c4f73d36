import { useState } from 'react';
import {
  App,
  AutoComplete,
  Button,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  List,
  Select,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Assistance, AssistanceKind } from '@common/casework';
import { ApiError } from '../../../api/client';
import { useAuth } from '../../../auth/useAuth';
import { ErrorResult } from '../../../components/ErrorResult';
import { FormModal } from '../../../components/FormModal';
import { formatDate } from '../../../components/format';
import { useApiError } from '../../../hooks/useApiError';
import { useIsMobile } from '../../../hooks/useIsMobile';
import { useUnits } from '../../../hooks/useOrg';
import { useT } from '../../../i18n/useT';
import { caseworkApi, caseworkKeys } from '../api';
import { afterToday, ASSISTANCE_KINDS, assistanceKindLabel, DATE, formatFen } from '../shared';

const KIND_COLOR: Record<AssistanceKind, string> = {
  material: 'gold',
  money: 'volcano',
  service: 'blue',
  referral: 'purple',
  education: 'geekblue',
  medical: 'magenta',
  psychological: 'cyan',
};
/** Organisations commonly giving help in Yangpu, offered as suggestions (free text is allowed). */
const ORGANISATIONS = [
  '杨浦区慈善基金会',
  '上海市儿童基金会',
  '杨浦区红十字会',
  '杨浦区阳光社区青少年事务中心',
  '复旦大学青年志愿者协会',
  '同济大学学生志愿者服务总队',
  '新华医院',
  '杨浦区中心医院',
  '杨浦区精神卫生中心',
];

/** Child file tab 帮扶记录: help actually given, newest first; add a record; delete one's own the same day. */
export function AssistanceTab({ childId }: { childId: string }) {
  const t = useT();
  const mobile = useIsMobile();
  const { can } = useAuth();
  const { message, modal } = App.useApp();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const {
    data,
    isFetching: loading,
    error,
    refetch,
  } = useQuery({ queryKey: caseworkKeys.assistance(childId), queryFn: () => caseworkApi.assistance(childId) });
  const changed = () => void queryClient.invalidateQueries({ queryKey: caseworkKeys.assistance(childId) });
  const [adding, setAdding] = useState(false);

  const remove = (a: Assistance) =>
    modal.confirm({
      title: t('casework.assistance.deleteConfirm'),
      okText: t('common.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await caseworkApi.deleteAssistance(a.id);
          void message.success(t('casework.deleted'));
          changed();
        } catch (err) {
          showError(err);
        }
      },
    });

  if (error && !data) return <ErrorResult error={error} onRetry={() => void refetch()} />;
  const kindTag = (k: AssistanceKind) => <Tag color={KIND_COLOR[k]}>{assistanceKindLabel(t, k)}</Tag>;
  const provider = (a: Assistance) =>
    a.providerUnitName && a.providerUnitName !== a.providerName ? `${a.providerName}（${a.providerUnitName}）` : a.providerName;
  const columns: TableColumnsType<Assistance> = [
    { title: t('casework.assistance.givenOn'), dataIndex: 'givenOn', width: 110, render: (v: string) => formatDate(v) },
    { title: t('casework.assistance.kind'), dataIndex: 'kind', width: 90, render: kindTag },
    { title: t('casework.assistance.provider'), key: 'provider', width: 200, render: (_, a) => provider(a) },
    { title: t('casework.assistance.value'), dataIndex: 'valueFen', width: 120, align: 'right', render: (v: number | null) => formatFen(v) },
    {
      title: t('casework.assistance.description'),
      dataIndex: 'description',
      render: (v: string, a) => (
        <>
          <div>{v}</div>
          {a.problemDescription ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('casework.assistance.forProblem')}：{a.problemDescription}
            </Typography.Text>
          ) : null}
        </>
      ),
    },
    { title: t('casework.assistance.recordedBy'), dataIndex: 'createdByName', width: 100, render: (v: string | null) => v ?? '—' },
    ...(can('casework.write')
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 80,
            render: (_: unknown, a: Assistance) =>
              a.deletable ? (
                <Button type="link" size="small" danger onClick={() => remove(a)}>
                  {t('common.delete')}
                </Button>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 8 }}>
        <Typography.Text type="secondary">
          {t('casework.assistance.summary', { n: data?.items.length ?? 0, total: formatFen(data?.totalValueFen ?? 0) })}
        </Typography.Text>
        {can('casework.write') ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('casework.assistance.create')}
          </Button>
        ) : null}
      </Flex>
      {mobile ? (
        <List<Assistance>
          loading={loading}
          dataSource={data?.items}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('casework.assistance.empty')} /> }}
          renderItem={(a) => (
            <List.Item
              extra={
                a.deletable && can('casework.write') ? (
                  <Button type="link" size="small" danger onClick={() => remove(a)}>
                    {t('common.delete')}
                  </Button>
                ) : null
              }
            >
              <Flex vertical gap={2}>
                <Flex gap={6} align="center" wrap>
                  {kindTag(a.kind)}
                  <Typography.Text strong>{a.description}</Typography.Text>
                </Flex>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDate(a.givenOn)} · {provider(a)}
                  {a.valueFen !== null ? ` · ${formatFen(a.valueFen)}` : ''}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      ) : (
        <Table<Assistance>
          rowKey="id"
          size="small"
          loading={loading}
          columns={columns}
          dataSource={data?.items}
          pagination={(data?.items.length ?? 0) > 20 ? { pageSize: 20 } : false}
          scroll={{ x: 900 }}
          locale={{ emptyText: t('casework.assistance.empty') }}
        />
      )}
      {adding ? (
        <AssistanceFormModal
          childId={childId}
          onClose={() => setAdding(false)}
          onSaved={() => {
            setAdding(false);
            changed();
          }}
        />
      ) : null}
    </>
  );
}

interface Values {
  kind: AssistanceKind;
  providerUnit?: string;
  providerName: string;
  value?: number;
  description: string;
  givenOn: dayjs.Dayjs;
  problemId?: string;
}

function AssistanceFormModal({ childId, onClose, onSaved }: { childId: string; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const mobile = useIsMobile();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const units = useUnits();
  const problems = useQuery({ queryKey: caseworkKeys.childProblems(childId), queryFn: () => caseworkApi.childProblems(childId) });
  const kind = Form.useWatch('kind', form);

  const submit = async (v: Values) => {
    try {
      await caseworkApi.createAssistance({
        childId,
        kind: v.kind,
        providerUnit: v.providerUnit ?? null,
        providerName: v.providerName.trim(),
        valueFen: v.value === undefined || v.value === null ? null : Math.round(v.value * 100),
        description: v.description.trim(),
        givenOn: v.givenOn.format(DATE),
        problemId: v.problemId ?? null,
      });
    } catch (err) {
      // The server names the amount `valueFen`; the form field is `value` (yuan). FormModal shows the rest.
      const f = err instanceof ApiError ? err.fields.find((x) => x.path.endsWith('valueFen')) : undefined;
      if (f) form.setFields([{ name: 'value', errors: [f.message] }]);
      throw err;
    }
    void message.success(t('casework.saved'));
    onSaved();
  };

  return (
    <FormModal<Values>
      form={form}
      title={t('casework.assistance.create')}
      onClose={onClose}
      onSubmit={submit}
      layout={mobile ? 'vertical' : 'horizontal'}
      labelCol={mobile ? undefined : { span: 6 }}
      initialValues={{ givenOn: dayjs(), kind: 'material' }}
    >
      <Form.Item name="kind" label={t('casework.assistance.kind')} rules={[{ required: true }]}>
        <Select options={ASSISTANCE_KINDS.map((k) => ({ value: k, label: assistanceKindLabel(t, k) }))} />
      </Form.Item>
      <Form.Item name="providerUnit" label={t('casework.assistance.providerUnit')} extra={t('casework.assistance.providerUnitHint')}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('common.optional')}
          options={(units.data?.items ?? []).filter((u) => u.active).map((u) => ({ value: u.code, label: u.name }))}
          onChange={(code?: string) => {
            const unit = units.data?.items.find((u) => u.code === code);
            if (unit && !form.getFieldValue('providerName')) form.setFieldValue('providerName', unit.name);
          }}
        />
      </Form.Item>
      <Form.Item
        name="providerName"
        label={t('casework.assistance.providerName')}
        rules={[{ required: true, whitespace: true, message: t('casework.assistance.providerRequired') }]}
      >
        <AutoComplete
          options={ORGANISATIONS.map((o) => ({ value: o }))}
          maxLength={100}
          placeholder={t('casework.assistance.providerPlaceholder')}
          showSearch={{ filterOption: (input, o) => !!o?.value.includes(input) }}
        />
      </Form.Item>
      <Form.Item
        name="value"
        label={t('casework.assistance.valueYuan')}
        rules={kind === 'money' ? [{ required: true, message: t('casework.assistance.valueRequired') }] : []}
      >
        <InputNumber min={0} max={100_000_000} precision={2} prefix="¥" style={{ width: 180 }} inputMode="decimal" />
      </Form.Item>
      <Form.Item
        name="description"
        label={t('casework.assistance.description')}
        rules={[{ required: true, whitespace: true, message: t('casework.assistance.descriptionRequired') }]}
      >
        <Input.TextArea rows={3} maxLength={2000} showCount />
      </Form.Item>
      <Form.Item name="givenOn" label={t('casework.assistance.givenOn')} rules={[{ required: true, message: t('common.required') }]}>
        <DatePicker format={DATE} disabledDate={afterToday} style={{ width: '100%' }} inputReadOnly={mobile} />
      </Form.Item>
      <Form.Item name="problemId" label={t('casework.assistance.problem')}>
        <Select
          allowClear
          placeholder={t('common.optional')}
          loading={problems.isLoading}
          options={(problems.data?.items ?? []).map((p) => ({ value: p.id, label: `${formatDate(p.createdAt)} ${p.description}` }))}
        />
      </Form.Item>
    </FormModal>
  );
}
