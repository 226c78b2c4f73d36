/** 证明材料: the evidence files of a report — list with downloads, upload and delete while a draft. */
import { useState } from 'react';
import { App, Button, Empty, Flex, List, Popconfirm, Typography, Upload } from 'antd';
import {
  DeleteOutlined,
  DownloadOutlined,
  FileExcelOutlined,
  FileImageOutlined,
  FileOutlined,
  FilePdfOutlined,
  FileWordOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { useApiError } from '../../hooks/useApiError';
import { useT } from '../../i18n/useT';
import { formatDateTime } from '../../components/format';
import { downloadFile, formatSize } from '../files/download';
import { planApi, type Evidence } from './api';

export const EVIDENCE_ACCEPT = '.jpg,.jpeg,.png,.pdf,.docx,.xlsx,image/jpeg,image/png,application/pdf';
export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;
const ALLOWED = /\.(jpe?g|png|pdf|docx|xlsx)$/i;

const icon = (mime: string) =>
  mime.startsWith('image/') ? (
    <FileImageOutlined />
  ) : mime === 'application/pdf' ? (
    <FilePdfOutlined />
  ) : mime.includes('word') ? (
    <FileWordOutlined />
  ) : mime.includes('sheet') ? (
    <FileExcelOutlined />
  ) : (
    <FileOutlined />
  );

export function useEvidenceDownload() {
  const showError = useApiError();
  return async (e: Evidence) => {
    try {
      // A download, saved under its name: the typed JSON client does not fit a file.
      await downloadFile(planApi.evidencePath(e.id), e.filename);
    } catch (err) {
      showError(err);
    }
  };
}

/** The files of a report; `onUpload` is given when files may be added (it may save the report first). */
export function EvidenceList({
  items,
  onUpload,
  onRemoved,
  disabled,
}: {
  items: Evidence[];
  /** Uploads one file; resolves to the new evidence. */
  onUpload?: (file: File) => Promise<Evidence | null>;
  onRemoved?: (id: string) => void;
  disabled?: boolean;
}) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const download = useEvidenceDownload();
  const [uploading, setUploading] = useState(0);

  const remove = async (e: Evidence) => {
    try {
      await planApi.removeEvidence(e.id);
      void message.success(t('supervision.evidence.deleted', { name: e.filename }));
      onRemoved?.(e.id);
    } catch (err) {
      showError(err);
    }
  };

  return (
    <Flex vertical gap={8}>
      {onUpload ? (
        <Flex gap={8} align="center" wrap>
          <Upload
            accept={EVIDENCE_ACCEPT}
            multiple
            showUploadList={false}
            disabled={disabled}
            customRequest={({ file, onSuccess, onError }) => {
              const f = file as File;
              if (!ALLOWED.test(f.name)) {
                void message.error(t('supervision.evidence.badType', { name: f.name }));
                onError?.(new Error('type'));
                return;
              }
              if (f.size > EVIDENCE_MAX_BYTES) {
                void message.error(t('supervision.evidence.tooBig', { name: f.name, size: formatSize(f.size) }));
                onError?.(new Error('size'));
                return;
              }
              setUploading((n) => n + 1);
              onUpload(f)
                .then((ev) => {
                  if (ev) void message.success(t('supervision.evidence.uploaded', { name: ev.filename }));
                  onSuccess?.(ev);
                })
                .catch((err: unknown) => {
                  showError(err);
                  onError?.(err as Error);
                })
                .finally(() => setUploading((n) => n - 1));
            }}
          >
            <Button icon={<UploadOutlined />} loading={uploading > 0} disabled={disabled}>
              {t('supervision.evidence.upload')}
            </Button>
          </Upload>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('supervision.evidence.hint')}
          </Typography.Text>
        </Flex>
      ) : null}
      <List<Evidence>
        size="small"
        bordered
        dataSource={items}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('supervision.evidence.empty')} /> }}
        renderItem={(e) => (
          <List.Item
            actions={[
              <Button
                key="d"
                size="small"
                type="link"
                icon={<DownloadOutlined />}
                onClick={() => void download(e)}
                aria-label={t('supervision.evidence.downloadName', { name: e.filename })}
              >
                {t('supervision.evidence.download')}
              </Button>,
              ...(onRemoved && e.deletable
                ? [
                    <Popconfirm
                      key="r"
                      title={t('supervision.evidence.confirmDelete', { name: e.filename })}
                      okText={t('common.delete')}
                      okButtonProps={{ danger: true }}
                      cancelText={t('common.cancel')}
                      onConfirm={() => remove(e)}
                    >
                      <Button size="small" type="link" danger icon={<DeleteOutlined />}>
                        {t('common.delete')}
                      </Button>
                    </Popconfirm>,
                  ]
                : []),
            ]}
          >
            <Flex gap={8} align="center" style={{ minWidth: 0 }}>
              {icon(e.mime)}
              <Flex vertical style={{ minWidth: 0 }}>
                <Typography.Link onClick={() => void download(e)} ellipsis style={{ maxWidth: '100%' }}>
                  {e.filename}
                </Typography.Link>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatSize(e.sizeBytes)} · {e.createdByName ?? '—'} · {formatDateTime(e.createdAt)}
                </Typography.Text>
              </Flex>
            </Flex>
          </List.Item>
        )}
      />
    </Flex>
  );
}
