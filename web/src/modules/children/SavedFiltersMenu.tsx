import { useState } from 'react';
import { App, Button, Dropdown, Flex, Form, Input, Modal, Typography, type MenuProps } from 'antd';
import { DeleteOutlined, DownOutlined, FilterOutlined, SaveOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { queryClient } from '../../api/queryClient';
import { useApiError } from '../../hooks/useApiError';
import { useT } from '../../i18n/useT';
import { childKeys, childrenApi } from './api';
import type { ChildFilters, SavedFilter } from './types';

/** "我的筛选": the caller's saved filters (kept by the server, never in the browser), save and delete. */
export function SavedFiltersMenu({ current, onApply }: { current: ChildFilters; onApply: (filters: ChildFilters) => void }) {
  const t = useT();
  const { message, modal } = App.useApp();
  const showError = useApiError();
  const list = useQuery({ queryKey: childKeys.savedFilters, queryFn: childrenApi.savedFilters });
  const reload = () => queryClient.invalidateQueries({ queryKey: childKeys.savedFilters });
  const [saving, setSaving] = useState(false);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ name: string }>();

  const remove = (f: SavedFilter) =>
    modal.confirm({
      title: t('children.saved.deleteConfirm', { name: f.name }),
      okText: t('common.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await childrenApi.deleteFilter(f.id);
          void message.success(t('children.saved.deleted'));
          void reload();
        } catch (err) {
          showError(err);
        }
      },
    });

  const save = async ({ name }: { name: string }) => {
    setSaving(true);
    try {
      await childrenApi.saveFilter(name.trim(), current);
      void message.success(t('children.saved.saved'));
      setOpen(false);
      form.resetFields();
      void reload();
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  };

  const items = list.data?.items ?? [];
  const menu: MenuProps = {
    items: [
      ...(items.length === 0
        ? [{ key: 'empty', disabled: true, label: <Typography.Text type="secondary">{t('children.saved.empty')}</Typography.Text> }]
        : items.map((f) => ({
            key: f.id,
            label: (
              <Flex justify="space-between" align="center" gap={16} style={{ minWidth: 200 }}>
                <span>{f.name}</span>
                <Button
                  type="text"
                  size="small"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t('children.saved.delete', { name: f.name })}
                  onClick={(e) => {
                    e.stopPropagation();
                    remove(f);
                  }}
                />
              </Flex>
            ),
          }))),
      { type: 'divider' as const },
      { key: '__save', icon: <SaveOutlined />, label: t('children.saved.saveCurrent') },
    ],
    onClick: ({ key }) => {
      if (key === '__save') {
        setOpen(true);
        return;
      }
      const f = items.find((i) => i.id === key);
      if (f) onApply(f.params);
    },
  };

  return (
    <>
      <Dropdown menu={menu} trigger={['click']}>
        <Button icon={<FilterOutlined />} loading={list.isLoading}>
          {t('children.saved.title')} <DownOutlined />
        </Button>
      </Dropdown>
      <Modal
        open={open}
        title={t('children.saved.saveCurrent')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={saving}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={save}>
          <Form.Item
            name="name"
            label={t('children.saved.name')}
            extra={t('children.saved.hint')}
            rules={[
              { required: true, whitespace: true, message: t('children.saved.nameRequired') },
              { max: 30, message: t('children.saved.nameTooLong') },
            ]}
          >
            <Input maxLength={30} placeholder={t('children.saved.namePlaceholder')} autoFocus />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
