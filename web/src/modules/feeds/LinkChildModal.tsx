/**
 * 关联到儿童: for a record the matching could not place (未匹配, 多个可能), find the child with the
 * children search (name, pinyin, last ID digits), choose it, and the server makes the change as
 * the feed's rules say. A child not on file yet starts a new file instead (主动发现).
 */
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Input, List, Modal, Typography } from 'antd';
import { Link } from 'react-router';
import { formatDate } from '../../components/format';
import { useApiError } from '../../hooks/useApiError';
import { useT } from '../../i18n/useT';
import { childrenApi } from '../children/api';
import { feedKeys, feedsApi } from './api';
import type { FeedRecord } from './types';

export function LinkChildModal({ record, onClose }: { record: FeedRecord; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const [q, setQ] = useState(record.name ?? '');
  const [text, setText] = useState(record.name ?? '');
  const [saving, setSaving] = useState<string | null>(null);
  const found = useQuery({
    queryKey: ['feeds', 'link-search', q],
    queryFn: () => childrenApi.search({ q, page: 1, pageSize: 10, status: 'active' }),
    enabled: q.trim().length > 0,
  });

  const pick = async (childId: string, childName: string) => {
    setSaving(childId);
    try {
      await feedsApi.resolve(record.id, { childId });
      void queryClient.invalidateQueries({ queryKey: feedKeys.all });
      void message.success(t('feeds.link.done', { name: childName }));
      onClose();
    } catch (err) {
      showError(err);
    } finally {
      setSaving(null);
    }
  };

  return (
    <Modal open title={t('feeds.link.title', { name: record.name ?? '—' })} onCancel={onClose} footer={null} width={600} destroyOnHidden>
      <Input.Search
        aria-label={t('feeds.link.search')}
        placeholder={t('feeds.link.search')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onSearch={(v) => setQ(v.trim())}
        enterButton
        allowClear
        style={{ marginBottom: 12 }}
      />
      <List
        loading={found.isFetching}
        dataSource={found.data?.items ?? []}
        locale={{ emptyText: t('feeds.link.none') }}
        renderItem={(c) => (
          <List.Item
            actions={[
              <Button
                key="pick"
                type="primary"
                size="small"
                loading={saving === c.id}
                disabled={!!saving && saving !== c.id}
                onClick={() => void pick(c.id, c.name)}
              >
                {t('feeds.link.pick')}
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={
                <Link to={`/children/${c.id}`} target="_blank">
                  {c.name}
                </Link>
              }
              description={`${formatDate(c.birthDate)} · ${c.idNumberMasked ?? '—'} · ${c.streetName} ${c.committeeName}`}
            />
          </List.Item>
        )}
      />
      <Flex justify="space-between" align="center" gap={8} wrap style={{ marginTop: 12 }}>
        <Typography.Text type="secondary">{t('feeds.link.newFileHint', { name: record.name ?? '—' })}</Typography.Text>
        <Link to="/children/new">{t('feeds.link.newFile')}</Link>
      </Flex>
    </Modal>
  );
}
