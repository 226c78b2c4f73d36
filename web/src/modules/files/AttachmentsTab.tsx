/**
 * 附件 tab of the child file: the file's attachments (of the file itself and of its visits,
 * problems, help and plans), upload (photos lose their EXIF/GPS on the server), download, delete.
 */
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Empty, Flex, Popconfirm, Table, Tag, Typography, Upload } from 'antd';
import { DeleteOutlined, DownloadOutlined, PaperClipOutlined } from '@ant-design/icons';
import { useAuth } from '../../auth/useAuth';
import { ErrorResult } from '../../components/ErrorResult';
import { formatDateTime } from '../../components/format';
import { useApiError } from '../../hooks/useApiError';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useT } from '../../i18n/useT';
import { isMessageKey } from '../../locales/zh-CN';
import { filesApi } from './api';
import { attachmentIcon } from './AttachmentPicker';
import { fileToBase64, formatSize } from './download';
import { ATTACHMENT_ACCEPT, MAX_FILE_BYTES, type Attachment, type AttachmentUpload } from './types';

/**
 * A child's attachments; with `entity` and `entityId`, only those of one record (e.g. the photos of
 * a visit), and uploads are attached to that record.
 */
export function AttachmentsTab({ childId, entity = 'child', entityId }: { childId: string; entity?: Attachment['entity']; entityId?: string }) {
  const t = useT();
  const { can } = useAuth();
  const mobile = useIsMobile();
  const { message } = App.useApp();
  const showError = useApiError();
  const [uploading, setUploading] = useState(false);
  const queryClient = useQueryClient();
  const queryKey = ['files', 'attachments', childId];
  // Files are added from other places too (a visit's form, an entitlement's step): asked again at
  // each showing, as before, with the last answer shown meanwhile.
  const list = useQuery({ queryKey, queryFn: () => filesApi.attachments(childId), staleTime: 0 });
  const reload = () => void queryClient.invalidateQueries({ queryKey });

  const upload = async (file: File) => {
    if (file.size > MAX_FILE_BYTES) {
      void message.error(t('files.attachments.tooBig', { name: file.name, size: formatSize(file.size) }));
      return;
    }
    setUploading(true);
    try {
      const body: AttachmentUpload = { childId, entity, entityId: entityId ?? childId, filename: file.name, contentBase64: await fileToBase64(file) };
      const saved = await filesApi.upload(body);
      void message.success(
        saved.metadataRemoved ? t('files.attachments.uploadedStripped', { name: saved.filename }) : t('files.attachments.uploaded', { name: saved.filename }),
      );
      reload();
    } catch (err) {
      showError(err);
    } finally {
      setUploading(false);
    }
  };

  const download = async (a: Attachment) => {
    try {
      await filesApi.downloadAttachment(a);
    } catch (err) {
      showError(err);
    }
  };

  const remove = async (a: Attachment) => {
    try {
      await filesApi.removeAttachment(a.id);
      void message.success(t('files.attachments.deleted'));
      reload();
    } catch (err) {
      showError(err);
    }
  };

  if (list.error && !list.data) return <ErrorResult error={list.error} onRetry={() => void list.refetch()} />;
  const entityLabel = (e: string) => {
    const k = `files.entity.${e}`;
    return isMessageKey(k) ? t(k) : e;
  };

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text type="secondary">{t('files.attachments.hint')}</Typography.Text>
        {can('children.write') ? (
          <Upload
            accept={ATTACHMENT_ACCEPT}
            multiple
            showUploadList={false}
            disabled={uploading}
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
          >
            <Button type="primary" icon={<PaperClipOutlined />} loading={uploading}>
              {t('files.attachments.upload')}
            </Button>
          </Upload>
        ) : null}
      </Flex>
      <Table<Attachment>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={(list.data?.items ?? []).filter((a) => !entityId || (a.entity === entity && a.entityId === entityId))}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('files.attachments.empty')} /> }}
        pagination={false}
        scroll={{ x: mobile ? 560 : undefined }}
        columns={[
          {
            title: t('files.attachments.col.name'),
            dataIndex: 'filename',
            render: (name: string, a) => (
              <Flex gap={6} align="center">
                {attachmentIcon(a.mime)}
                <Typography.Link onClick={() => void download(a)}>{name}</Typography.Link>
              </Flex>
            ),
          },
          { title: t('files.attachments.col.record'), dataIndex: 'entity', width: 110, render: (e: string) => <Tag>{entityLabel(e)}</Tag> },
          { title: t('files.attachments.col.size'), dataIndex: 'sizeBytes', width: 90, render: (n: number) => formatSize(n) },
          { title: t('files.attachments.col.by'), dataIndex: 'createdByName', width: 100, render: (n: string | null) => n ?? '—' },
          { title: t('files.attachments.col.at'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatDateTime(v) },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 150,
            fixed: mobile ? undefined : 'right',
            render: (_: unknown, a) => (
              <Flex gap={4}>
                <Button size="small" type="link" icon={<DownloadOutlined />} onClick={() => void download(a)}>
                  {t('files.attachments.download')}
                </Button>
                {a.deletable ? (
                  <Popconfirm
                    title={t('files.attachments.confirmDelete', { name: a.filename })}
                    okText={t('common.delete')}
                    cancelText={t('common.cancel')}
                    onConfirm={() => remove(a)}
                  >
                    <Button size="small" type="link" danger icon={<DeleteOutlined />}>
                      {t('common.delete')}
                    </Button>
                  </Popconfirm>
                ) : null}
              </Flex>
            ),
          },
        ]}
      />
    </Flex>
  );
}
