/**
 * Files added before a step is saved (the evidence of an entitlement's verification): each file is
 * uploaded at once to its record (checked by content on the server, photos lose EXIF/GPS) and
 * listed; the form sends their ids with the step, which links them. Removing one deletes the
 * upload. Also AttachmentLink: a file's name that downloads it through the access-checked route.
 */
import { useEffect, useRef, useState } from 'react';
import { App, Button, Flex, List, Typography, Upload } from 'antd';
import { DeleteOutlined, FileImageOutlined, FileOutlined, FilePdfOutlined, PaperClipOutlined } from '@ant-design/icons';
import { useApiError } from '../../hooks/useApiError';
import { useT } from '../../i18n/useT';
import { filesApi } from './api';
import { fileToBase64, formatSize } from './download';
import { ATTACHMENT_ACCEPT, MAX_FILE_BYTES, type Attachment, type AttachmentEntity, type AttachmentUpload } from './types';

export const attachmentIcon = (mime: string) =>
  mime.startsWith('image/') ? <FileImageOutlined /> : mime === 'application/pdf' ? <FilePdfOutlined /> : <FileOutlined />;

/** A file's name; clicking it downloads the file (GET /api/attachments/:id checks the caller's area). */
export function AttachmentLink({ file }: { file: { id: string; filename: string; mime: string; sizeBytes: number } }) {
  const showError = useApiError();
  const download = async () => {
    try {
      await filesApi.downloadAttachment(file);
    } catch (err) {
      showError(err);
    }
  };
  return (
    <Flex gap={6} align="center">
      {attachmentIcon(file.mime)}
      <Typography.Link onClick={() => void download()}>{file.filename}</Typography.Link>
      <Typography.Text type="secondary">{formatSize(file.sizeBytes)}</Typography.Text>
    </Flex>
  );
}

/** Deletes uploads that were never linked to a step (the form was cancelled); failures are ignored. */
export function discardUploads(files: Attachment[]): void {
  for (const f of files) void filesApi.removeAttachment(f.id).catch(() => {});
}

export function AttachmentPicker({
  childId,
  entity,
  entityId,
  onChange,
  onBusyChange,
}: {
  childId: string;
  entity: AttachmentEntity;
  entityId: string;
  /** The files uploaded so far (their ids go with the step). */
  onChange: (files: Attachment[]) => void;
  /** True while a file is being uploaded (the step should wait). */
  onBusyChange?: (busy: boolean) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const [files, setFiles] = useState<Attachment[]>([]);
  const [pending, setPending] = useState(0);
  const listeners = useRef({ onChange, onBusyChange });
  listeners.current = { onChange, onBusyChange };
  useEffect(() => {
    listeners.current.onChange(files);
  }, [files]);
  useEffect(() => {
    listeners.current.onBusyChange?.(pending > 0);
  }, [pending]);

  const upload = async (file: File) => {
    if (file.size > MAX_FILE_BYTES) {
      void message.error(t('files.attachments.tooBig', { name: file.name, size: formatSize(file.size) }));
      return;
    }
    setPending((n) => n + 1);
    try {
      const body: AttachmentUpload = { childId, entity, entityId, filename: file.name, contentBase64: await fileToBase64(file) };
      const saved = await filesApi.upload(body);
      setFiles((prev) => [...prev, saved]);
      void message.success(
        saved.metadataRemoved ? t('files.attachments.uploadedStripped', { name: saved.filename }) : t('files.attachments.uploaded', { name: saved.filename }),
      );
    } catch (err) {
      showError(err);
    } finally {
      setPending((n) => n - 1);
    }
  };

  const remove = async (a: Attachment) => {
    try {
      await filesApi.removeAttachment(a.id);
      setFiles((prev) => prev.filter((f) => f.id !== a.id));
    } catch (err) {
      showError(err);
    }
  };

  return (
    <Flex vertical gap={8}>
      <Flex align="center" gap={8} wrap>
        <Upload
          accept={ATTACHMENT_ACCEPT}
          multiple
          showUploadList={false}
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
        >
          <Button icon={<PaperClipOutlined />} loading={pending > 0}>
            {t('files.picker.add')}
          </Button>
        </Upload>
        <Typography.Text type="secondary">{t('files.picker.hint')}</Typography.Text>
      </Flex>
      {files.length ? (
        <List
          size="small"
          bordered
          dataSource={files}
          renderItem={(a) => (
            <List.Item
              actions={[
                <Button
                  key="remove"
                  size="small"
                  type="link"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t('files.picker.remove', { name: a.filename })}
                  onClick={() => void remove(a)}
                />,
              ]}
            >
              <AttachmentLink file={a} />
            </List.Item>
          )}
        />
      ) : null}
    </Flex>
  );
}
