/** A checklist of 走访规则与清单 and its item form. */
import { useState } from 'react';
import { App, Button, Flex, Form, Input, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, PlusOutlined } from '@ant-design/icons';
import { ErrorResult } from '../../../components/ErrorResult';
import { FormModal } from '../../../components/FormModal';
import { TAG_COLOR } from '../../../components/tagColors';
import { useQuery } from '@tanstack/react-query';
import { queryClient } from '../../../api/queryClient';
import { useApiError } from '../../../hooks/useApiError';
import { useT } from '../../../i18n/useT';
import { visitsApi, type ChecklistItem, type ChecklistListName } from '../api';

interface ItemValues {
  code?: string;
  label: string;
  hint?: string;
}

function ItemModal({ list, item, onClose, onSaved }: { list: ChecklistListName; item: ChecklistItem | null; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<ItemValues>();

  const submit = async (v: ItemValues) => {
    if (item) await visitsApi.updateItem(item.id, { label: v.label.trim(), hint: v.hint?.trim() || null });
    else await visitsApi.addItem({ list, code: (v.code ?? '').trim(), label: v.label.trim(), hint: v.hint?.trim() || null });
    void message.success(t('visits.checklist.saved'));
    onSaved();
  };

  return (
    <FormModal
      form={form}
      title={item ? t('visits.checklist.edit') : t('visits.checklist.add')}
      onClose={onClose}
      onSubmit={submit}
      layout="vertical"
      initialValues={item ? { label: item.label, hint: item.hint ?? undefined } : {}}
    >
      {item ? null : (
        <Form.Item
          name="code"
          label={t('visits.checklist.code')}
          extra={t('visits.checklist.codeHint')}
          rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{1,31}$/, message: t('visits.checklist.codeRequired') }]}
        >
          <Input maxLength={32} className="mono" />
        </Form.Item>
      )}
      <Form.Item
        name="label"
        label={t('visits.checklist.label')}
        rules={[{ required: true, min: 2, max: 30, whitespace: true, message: t('visits.checklist.labelRequired') }]}
      >
        <Input maxLength={30} />
      </Form.Item>
      <Form.Item name="hint" label={t('visits.checklist.hint')}>
        <Input.TextArea maxLength={200} autoSize={{ minRows: 2, maxRows: 4 }} />
      </Form.Item>
    </FormModal>
  );
}

/** One checklist: ordered items, each editable, deactivatable (past visits keep their snapshot). */
export function ChecklistTable({ list }: { list: ChecklistListName }) {
  const t = useT();
  const { modal, message } = App.useApp();
  const showError = useApiError();
  const [editing, setEditing] = useState<ChecklistItem | 'new' | null>(null);
  const key = ['visits', 'checklist', list];
  const { data, isFetching: loading, error, refetch } = useQuery({ queryKey: key, queryFn: () => visitsApi.checklist(list, true) });
  const reload = () => void queryClient.invalidateQueries({ queryKey: ['visits'] });
  const items = data?.items ?? [];
  const active = items.filter((i) => i.active);

  const move = async (item: ChecklistItem, delta: -1 | 1) => {
    const ids = active.map((i) => i.id);
    const at = ids.indexOf(item.id);
    const to = at + delta;
    if (at < 0 || to < 0 || to >= ids.length) return;
    ids.splice(to, 0, ...ids.splice(at, 1)); // swaps neighbours
    try {
      queryClient.setQueryData(key, await visitsApi.reorder(list, ids));
      void queryClient.invalidateQueries({ queryKey: ['visits', 'form'] });
    } catch (err) {
      showError(err);
    }
  };

  const setActive = (item: ChecklistItem, value: boolean) => {
    const run = async () => {
      try {
        await visitsApi.updateItem(item.id, { active: value });
        void message.success(t('visits.checklist.saved'));
        reload();
      } catch (err) {
        showError(err);
      }
    };
    if (value) return void run();
    modal.confirm({
      title: t('visits.checklist.deactivateConfirm', { name: item.label }),
      okText: t('visits.checklist.deactivate'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: run,
    });
  };

  const columns: TableColumnsType<ChecklistItem> = [
    {
      title: t('visits.checklist.order'),
      key: 'order',
      width: 90,
      render: (_, item) => {
        if (!item.active) return null;
        const at = active.indexOf(item);
        return (
          <Space size={0}>
            <Button
              type="text"
              size="small"
              icon={<ArrowUpOutlined />}
              aria-label={t('visits.checklist.moveUp')}
              disabled={at === 0}
              onClick={() => void move(item, -1)}
            />
            <Button
              type="text"
              size="small"
              icon={<ArrowDownOutlined />}
              aria-label={t('visits.checklist.moveDown')}
              disabled={at === active.length - 1}
              onClick={() => void move(item, 1)}
            />
          </Space>
        );
      },
    },
    {
      title: t('visits.checklist.label'),
      dataIndex: 'label',
      render: (_, item) => (
        <Flex vertical>
          <Typography.Text strong={item.active} type={item.active ? undefined : 'secondary'}>
            {item.label}
          </Typography.Text>
          {item.hint ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {item.hint}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    { title: t('visits.checklist.code'), dataIndex: 'code', width: 130, render: (v: string) => <span className="mono">{v}</span> },
    {
      title: t('visits.checklist.status'),
      dataIndex: 'active',
      width: 80,
      render: (a: boolean) => <Tag color={a ? TAG_COLOR.ok : TAG_COLOR.closed}>{a ? t('common.active') : t('common.inactive')}</Tag>,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 130,
      render: (_, item) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setEditing(item)}>
            {t('visits.checklist.edit')}
          </Button>
          <Button type="link" size="small" danger={item.active} onClick={() => setActive(item, !item.active)}>
            {item.active ? t('visits.checklist.deactivate') : t('visits.checklist.activate')}
          </Button>
        </Space>
      ),
    },
  ];

  if (error && !data) return <ErrorResult error={error} onRetry={() => void refetch()} />;
  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">{list === 'service' ? t('visits.checklist.serviceHint') : t('visits.checklist.dutyHint')}</Typography.Text>
        <Button icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {t('visits.checklist.add')}
        </Button>
      </Flex>
      <Table<ChecklistItem> rowKey="id" size="small" loading={loading} columns={columns} dataSource={items} pagination={false} scroll={{ x: 'max-content' }} />
      {editing ? (
        <ItemModal
          list={list}
          item={editing === 'new' ? null : editing}
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
