import { useState } from 'react';
import { App, Button, Descriptions, Drawer, Empty, Flex, Form, Input, List, Modal, Popconfirm, Select, Space, Switch, Tag, Typography, Upload } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ErrorResult } from '../../components/ErrorResult';
import { useApiError } from '../../hooks/useApiError';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useT } from '../../i18n/useT';
import { ChildPicker } from '../casework/ChildPicker';
import { downloadFile, fileToBase64, formatSize } from '../files/download';
import { ActivityFormModal } from './ActivityFormModal';
import { activitiesApi, activityKeys, type ActivityDetail, type AttachmentKind } from './api';
import { StatusTag, useKindName, useOrganiserKindName } from './labels';

const MAX_FILE_BYTES = 10 * 1024 * 1024;
const ACCEPT = '.jpg,.jpeg,.png,.pdf,.docx,.xlsx,image/jpeg,image/png,application/pdf';

/** One activity: its facts, the participants of the caller's area, photos and sign-in sheets; complete, cancel, edit. */
export function ActivityDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const t = useT();
  const mobile = useIsMobile();
  const kindName = useKindName();
  const orgKindName = useOrganiserKindName();
  const { message } = App.useApp();
  const showError = useApiError();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: activityKeys.detail(id), queryFn: () => activitiesApi.get(id) });
  const [editing, setEditing] = useState(false);
  const [picked, setPicked] = useState<string[]>([]);
  const [withGuardians, setWithGuardians] = useState(false);
  const [fileKind, setFileKind] = useState<AttachmentKind>('photo');
  const [busy, setBusy] = useState(false);
  const [cancelForm] = Form.useForm<{ reason: string }>();
  const [cancelling, setCancelling] = useState(false);

  const refresh = () => qc.invalidateQueries({ queryKey: activityKeys.all });
  const run = async (fn: () => Promise<unknown>, ok?: string) => {
    setBusy(true);
    try {
      await fn();
      if (ok) void message.success(ok);
      await refresh();
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };

  const a: ActivityDetail | undefined = q.data;
  const body = () => {
    if (q.error && !a) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
    if (!a) return null;
    return (
      <Flex vertical gap={16}>
        <Descriptions size="small" column={1} bordered>
          <Descriptions.Item label={t('activities.col.kind')}>{kindName(a.kind)}</Descriptions.Item>
          <Descriptions.Item label={t('activities.col.organiser')}>
            {a.organiserName} <Tag>{orgKindName(a.organiserKind)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('activities.col.heldOn')}>{a.endsOn ? `${a.heldOn} ~ ${a.endsOn}` : a.heldOn}</Descriptions.Item>
          <Descriptions.Item label={t('activities.col.status')}>
            <StatusTag status={a.status} /> {a.cancelReason ? t('activities.cancelReason', { reason: a.cancelReason }) : null}
          </Descriptions.Item>
          {a.place ? <Descriptions.Item label={t('activities.field.place')}>{a.place}</Descriptions.Item> : null}
          <Descriptions.Item label={t('activities.col.people')}>
            {t('activities.people', { children: a.childrenCount, guardians: a.guardiansCount })}
            {a.guardiansContacted ? (
              <Tag color="green" style={{ marginInlineStart: 8 }}>
                {t('activities.field.guardiansContacted')}
              </Tag>
            ) : null}
          </Descriptions.Item>
          {a.planTasks.length ? (
            <Descriptions.Item label={t('activities.field.planTasks')}>{a.planTasks.map((n) => t('activities.planTask', { n })).join('、')}</Descriptions.Item>
          ) : null}
          {a.description ? <Descriptions.Item label={t('activities.field.description')}>{a.description}</Descriptions.Item> : null}
        </Descriptions>

        {a.canEdit ? (
          <Space wrap>
            {a.status === 'planned' ? (
              <Popconfirm
                title={t('activities.complete')}
                onConfirm={() => run(() => activitiesApi.complete(a.id, { version: a.version }), t('activities.completed'))}
              >
                <Button type="primary" loading={busy} data-testid="activity-complete">
                  {t('activities.complete')}
                </Button>
              </Popconfirm>
            ) : null}
            <Button onClick={() => setEditing(true)}>{t('activities.edit')}</Button>
            <Button danger onClick={() => setCancelling(true)} data-testid="activity-cancel">
              {t('activities.cancel')}
            </Button>
          </Space>
        ) : null}

        <div>
          <Typography.Title level={5}>{t('activities.participants')}</Typography.Title>
          <Typography.Text type="secondary">{t('activities.participants.count', { n: a.participants })}</Typography.Text>
          {a.canEdit ? (
            <Flex gap={8} wrap align="center" style={{ margin: '8px 0' }} data-testid="participant-picker">
              <div style={{ flex: 1, minWidth: 220, display: 'grid' }}>
                <ChildPicker value={picked} onChange={setPicked} />
              </div>
              <Space>
                <Switch size="small" checked={withGuardians} onChange={setWithGuardians} /> {t('activities.participants.withGuardians')}
              </Space>
              <Button
                type="primary"
                disabled={!picked.length}
                loading={busy}
                data-testid="participant-add"
                onClick={() =>
                  run(async () => {
                    const r = await activitiesApi.addParticipants(a.id, picked, withGuardians);
                    void message.success(t('activities.participants.added', { n: r.added }));
                    setPicked([]);
                  })
                }
              >
                {t('activities.participants.add')}
              </Button>
            </Flex>
          ) : null}
          <List
            size="small"
            dataSource={a.participantList}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('activities.participants.empty')} /> }}
            renderItem={(p) => (
              <List.Item
                actions={
                  a.canEdit
                    ? [
                        <Popconfirm
                          key="rm"
                          title={t('activities.participants.removeConfirm')}
                          onConfirm={() => run(() => activitiesApi.removeParticipant(a.id, p.id))}
                        >
                          <Typography.Link type="danger">{t('activities.participants.remove')}</Typography.Link>
                        </Popconfirm>,
                      ]
                    : []
                }
              >
                <span>
                  {p.childName}
                  {p.role === 'guardian' ? ` · ${t('activities.participants.guardian')} ${p.memberName ?? ''}` : ''}
                  <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                    {p.committeeName}
                  </Typography.Text>
                </span>
              </List.Item>
            )}
          />
        </div>

        <div>
          <Typography.Title level={5}>{t('activities.attachments')}</Typography.Title>
          {a.canEdit ? (
            <Flex gap={8} wrap style={{ marginBottom: 8 }}>
              <Select<AttachmentKind>
                value={fileKind}
                aria-label={t('activities.attachments.upload')}
                onChange={setFileKind}
                style={{ width: 120 }}
                options={(['photo', 'sign_in', 'other'] as const).map((k) => ({ value: k, label: t(`activities.attachments.kind.${k}`) }))}
              />
              <Upload
                accept={ACCEPT}
                showUploadList={false}
                disabled={busy}
                beforeUpload={(file) => {
                  if (file.size > MAX_FILE_BYTES) {
                    void message.error(formatSize(file.size));
                    return false;
                  }
                  void run(async () => {
                    const r = await activitiesApi.upload(a.id, { kind: fileKind, filename: file.name, contentBase64: await fileToBase64(file) });
                    void message.success(r.metadataRemoved ? t('activities.attachments.stripped') : t('activities.attachments.uploaded'));
                  });
                  return false;
                }}
              >
                <Button icon={<PaperClipOutlined />} loading={busy}>
                  {t('activities.attachments.upload')}
                </Button>
              </Upload>
            </Flex>
          ) : null}
          <List
            size="small"
            dataSource={a.attachmentList}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('activities.attachments.empty')} /> }}
            renderItem={(f) => (
              <List.Item
                actions={
                  a.canEdit
                    ? [
                        <Popconfirm
                          key="rm"
                          title={t('activities.attachments.deleteConfirm')}
                          onConfirm={() => run(() => activitiesApi.removeAttachment(a.id, f.id))}
                        >
                          <Typography.Link type="danger">{t('activities.attachments.delete')}</Typography.Link>
                        </Popconfirm>,
                      ]
                    : []
                }
              >
                <span>
                  <Tag>{t(`activities.attachments.kind.${f.kind}`)}</Tag>
                  <Typography.Link onClick={() => void downloadFile(activitiesApi.attachmentPath(a.id, f.id), f.filename).catch(showError)}>
                    {f.filename}
                  </Typography.Link>
                  <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                    {formatSize(f.sizeBytes)}
                  </Typography.Text>
                </span>
              </List.Item>
            )}
          />
        </div>
      </Flex>
    );
  };

  return (
    <Drawer open title={a?.title ?? t('activities.detail')} onClose={onClose} size={mobile ? '100%' : 640} loading={q.isLoading}>
      {body()}
      {editing && a ? <ActivityFormModal activity={a} onClose={() => setEditing(false)} /> : null}
      {cancelling && a ? (
        <Modal
          open
          title={t('activities.cancel')}
          onCancel={() => setCancelling(false)}
          okButtonProps={{ danger: true, loading: busy }}
          onOk={() => cancelForm.submit()}
        >
          <Typography.Paragraph>{t('activities.cancel.confirm')}</Typography.Paragraph>
          <Form
            form={cancelForm}
            layout="vertical"
            onFinish={(v) =>
              run(async () => {
                await activitiesApi.cancel(a.id, a.version, v.reason);
                setCancelling(false);
              }, t('activities.cancelled'))
            }
          >
            <Form.Item
              name="reason"
              label={t('activities.cancel.reason')}
              rules={[{ required: true, whitespace: true, message: t('activities.field.required', { label: t('activities.cancel.reason') }) }]}
            >
              <Input maxLength={200} />
            </Form.Item>
          </Form>
        </Modal>
      ) : null}
    </Drawer>
  );
}
