/**
 * 数据接口密钥: the current key's prefix and date, and 生成新密钥 (after a confirmation: the old key
 * stops working). The new key is shown once, with a copy button and an example call for the
 * department's system; the platform keeps only its hash.
 */
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Modal, Popconfirm, Typography } from 'antd';
import { CopyOutlined, KeyOutlined } from '@ant-design/icons';
import { formatDateTime } from '../../components/format';
import { useApiError } from '../../hooks/useApiError';
import { useT } from '../../i18n/useT';
import { feedKeys, feedsApi } from './api';
import { curlExample } from './logic';
import type { Feed, FeedKey } from './types';

export function FeedKeyCard({ feed, canManage }: { feed: Feed; canManage: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const [rotating, setRotating] = useState(false);
  const [shown, setShown] = useState<FeedKey | null>(null);

  const rotate = async () => {
    setRotating(true);
    try {
      setShown(await feedsApi.rotateKey(feed.code));
      void queryClient.invalidateQueries({ queryKey: feedKeys.all });
    } catch (err) {
      showError(err);
    } finally {
      setRotating(false);
    }
  };

  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      void message.success(t('feeds.key.copied'));
    } catch {
      void message.warning(t('feeds.key.copyFailed'));
    }
  };

  return (
    <Card title={t('feeds.key.title')} size="small">
      <Typography.Paragraph>
        {feed.keyPrefix ? (
          t('feeds.key.current', { prefix: feed.keyPrefix, date: formatDateTime(feed.keyRotatedAt) })
        ) : (
          <Typography.Text type="secondary">{t('feeds.key.none')}</Typography.Text>
        )}
      </Typography.Paragraph>
      {canManage ? (
        <Popconfirm
          title={t('feeds.key.rotate')}
          description={t('feeds.key.rotateAsk')}
          okText={t('feeds.key.rotate')}
          cancelText={t('common.cancel')}
          onConfirm={rotate}
        >
          <Button icon={<KeyOutlined />} loading={rotating}>
            {t('feeds.key.rotate')}
          </Button>
        </Popconfirm>
      ) : null}
      <Modal
        open={!!shown}
        title={t('feeds.key.shownTitle')}
        onCancel={() => setShown(null)}
        maskClosable={false}
        footer={
          <Button type="primary" onClick={() => setShown(null)}>
            {t('feeds.key.done')}
          </Button>
        }
        width={720}
      >
        {shown ? (
          <>
            <Alert type="warning" showIcon message={t('feeds.key.shown')} style={{ marginBottom: 12 }} />
            <Typography.Paragraph>
              <Typography.Text code style={{ wordBreak: 'break-all', fontSize: 15 }} data-testid="feed-key">
                {shown.key}
              </Typography.Text>
            </Typography.Paragraph>
            <Button type="primary" icon={<CopyOutlined />} onClick={() => void copy(shown.key)} style={{ marginBottom: 16 }}>
              {t('feeds.key.copy')}
            </Button>
            <Typography.Title level={5}>{t('feeds.key.curl')}</Typography.Title>
            <Typography.Paragraph copyable={{ text: curlExample(window.location.origin, feed, shown.key) }}>
              <pre style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', margin: 0 }}>{curlExample(window.location.origin, feed, shown.key)}</pre>
            </Typography.Paragraph>
          </>
        ) : null}
      </Modal>
    </Card>
  );
}
