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
import type { FeedFact, FeedRecord } from './types';
import { newFileLink } from './logic';

export function LinkChildModal({
  record,
  fact,
  confirmed,
  onClose,
}: {
  record: FeedRecord;
  fact: FeedFact | undefined;
  /** The run is confirmed: linking proposes the change at once (before, confirming does). */
  confirmed: boolean;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const [q, setQ] = useState(record.name ?? '');
  const [text, setText] = useState(record.name ?? '');
  const [saving, setSaving] = useState<string | null>(null);
  // A family member's status (刑满释放, 死亡) is about one of the chosen child's members: pick that one too.
  const [child, setChild] = useState<{ id: string; name: string } | null>(null);
  const forMember = fact === 'member.status';
  const newFile = newFileLink(record, fact);
  const file = useQuery({ queryKey: ['feeds', 'link-file', child?.id ?? ''], queryFn: () => childrenApi.get(child?.id ?? ''), enabled: forMember && !!child });
  const found = useQuery({
    queryKey: ['feeds', 'link-search', q],
    queryFn: () => childrenApi.search({ q, page: 1, pageSize: 10, status: 'active' }),
    enabled: q.trim().length > 0,
  });

  const pick = async (childId: string, childName: string, memberId?: string) => {
    if (forMember && !memberId) {
      setChild({ id: childId, name: childName });
      return;
    }
    setSaving(memberId ?? childId);
    try {
      await feedsApi.resolve(record.id, { childId, ...(memberId ? { memberId } : {}) });
      void queryClient.invalidateQueries({ queryKey: feedKeys.all });
      void message.success(t(confirmed ? 'feeds.link.done' : 'feeds.link.linked', { name: childName }));
      onClose();
    } catch (err) {
      showError(err);
    } finally {
      setSaving(null);
    }
  };

  return (
    <Modal open title={t('feeds.link.title', { name: record.name ?? '—' })} onCancel={onClose} footer={null} width={600} destroyOnHidden>
      {forMember && child ? (
        <>
          <Typography.Paragraph>
            {t('feeds.link.member', { name: child.name })}{' '}
            <Button type="link" size="small" onClick={() => setChild(null)}>
              {t('feeds.link.back')}
            </Button>
          </Typography.Paragraph>
          <List
            loading={file.isLoading}
            dataSource={file.data?.members ?? []}
            locale={{ emptyText: t('feeds.link.noMembers') }}
            renderItem={(m) => (
              <List.Item actions={[<PickButton key="pick" id={m.id} saving={saving} onPick={() => void pick(child.id, child.name, m.id)} />]}>
                <List.Item.Meta
                  title={`${m.name}（${m.relation}）`}
                  description={`${m.birthDate ? formatDate(m.birthDate) : '—'} · ${m.idNumberMasked ?? '—'}`}
                />
              </List.Item>
            )}
          />
        </>
      ) : null}
      <div style={forMember && child ? { display: 'none' } : undefined}>
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
            <List.Item actions={[<PickButton key="pick" id={c.id} saving={saving} onPick={() => void pick(c.id, c.name)} />]}>
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
      </div>
      {newFile ? (
        <Flex justify="space-between" align="center" gap={8} wrap style={{ marginTop: 12 }}>
          <Typography.Text type="secondary">{t('feeds.link.newFileHint', { name: record.name ?? '—' })}</Typography.Text>
          <Link to={newFile}>{t('feeds.link.newFile')}</Link>
        </Flex>
      ) : null}
    </Modal>
  );
}

/** 选择 on a child or a member: busy while its own link is saved, disabled while another's is. */
function PickButton({ id, saving, onPick }: { id: string; saving: string | null; onPick: () => void }) {
  const t = useT();
  return (
    <Button type="primary" size="small" loading={saving === id} disabled={!!saving && saving !== id} onClick={onPick}>
      {t('feeds.link.pick')}
    </Button>
  );
}
