import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Empty, Form, Input, List, Space, Tag, Typography } from 'antd';
import { ErrorResult } from '../../components/ErrorResult';
import { formatDate } from '../../components/format';
import { FormModal } from '../../components/FormModal';
import { useAuth } from '../../auth/useAuth';
import { useT } from '../../i18n/useT';
import { charityApi, charityKeys, type Aid } from './api';
import { aidKindName, MatchTag, yuan } from './labels';

/**
 * The child file's 服务与活动 tab, section 慈善帮扶: the commissioned social workers the child is
 * assigned to, the aid records (cancel with a reason; the record stays), and the active projects
 * the child matches or may match.
 */
export function ChildCharitySection({ childId }: { childId: string }) {
  const t = useT();
  const { can } = useAuth();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: charityKeys.child(childId), queryFn: () => charityApi.child(childId) });
  const [cancelling, setCancelling] = useState<Aid | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  if (q.error && !q.data) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  const d = q.data;
  const heading = (s: string) => (
    <Typography.Title level={5} style={{ marginTop: 8 }}>
      {s}
    </Typography.Title>
  );
  return (
    <div data-testid="child-charity">
      {heading(t('charity.child.workers'))}
      {d && d.workers.length === 0 ? <Typography.Text type="secondary">{t('charity.child.noWorkers')}</Typography.Text> : null}
      <Space wrap>
        {d?.workers.map((w) => (
          <Tag key={w.userId} color="blue">
            {w.name}
            {w.organisation ? `（${w.organisation}）` : ''} · {t('charity.child.since', { date: formatDate(w.since) })}
          </Tag>
        ))}
      </Space>
      {heading(t('charity.child.aid'))}
      <List
        size="small"
        loading={q.isLoading}
        dataSource={d?.aid}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('charity.child.noAid')} /> }}
        renderItem={(a) => (
          <List.Item
            actions={
              a.status === 'given' && can('charity.record')
                ? [
                    <Button key="cancel" size="small" danger type="link" onClick={() => setCancelling(a)}>
                      {t('charity.cancel')}
                    </Button>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={
                <span style={a.status === 'cancelled' ? { textDecoration: 'line-through' } : undefined}>
                  {a.givenOn} · {a.projectName} · {aidKindName(a.kind)}
                  {a.amount !== null ? ` · ${yuan(a.amount)} 元` : ''}
                </span>
              }
              description={
                <Typography.Text type="secondary">
                  {a.description ?? ''} {a.recordedBy ? t('charity.recordedBy', { name: a.recordedBy }) : ''}
                  {a.status === 'cancelled' ? <Tag style={{ marginInlineStart: 8 }}>{t('charity.cancelled', { reason: a.cancelReason ?? '' })}</Tag> : null}
                </Typography.Text>
              }
            />
          </List.Item>
        )}
      />
      {heading(t('charity.child.projects'))}
      <List
        size="small"
        dataSource={d?.projects}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('charity.child.noProjects')} /> }}
        renderItem={(p) => (
          <List.Item>
            <List.Item.Meta
              title={
                <span>
                  {p.name} <MatchTag result={p.result} /> {p.aided ? <Tag color="green">{t('charity.child.aidedTag')}</Tag> : null}
                </span>
              }
              description={<Typography.Text type="secondary">{p.reasons.join('；')}</Typography.Text>}
            />
          </List.Item>
        )}
      />
      {cancelling ? (
        <FormModal<{ reason: string }>
          form={form}
          title={t('charity.cancel.title')}
          okText={t('charity.cancel.ok')}
          onClose={() => setCancelling(null)}
          layout="vertical"
          onSubmit={async (v) => {
            await charityApi.cancelAid(cancelling.id, v.reason, cancelling.version);
            void message.success(t('charity.cancel.done'));
            await qc.invalidateQueries({ queryKey: charityKeys.all });
            setCancelling(null);
          }}
        >
          <Form.Item
            name="reason"
            label={t('charity.cancel.reason')}
            rules={[{ required: true, whitespace: true, message: t('charity.form.required', { label: t('charity.cancel.reason') }) }]}
          >
            <Input maxLength={200} />
          </Form.Item>
        </FormModal>
      ) : null}
    </div>
  );
}
