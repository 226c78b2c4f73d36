/**
 * 上传数据文件: the department's own .xlsx or .csv, matched on the server without changing any file;
 * the answer is the run, whose report opens next. The same content again answers with the earlier
 * run (nothing new written), which the report then says.
 */
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Card, Typography, Upload } from 'antd';
import { CloudUploadOutlined, InboxOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { ApiError } from '../../api/client';
import { useApiError } from '../../hooks/useApiError';
import { useT } from '../../i18n/useT';
import { fileToBase64, formatSize } from '../files/download';
import { feedKeys, feedsApi } from './api';
import { MAX_FEED_FILE_BYTES } from './types';

export function FeedUploadCard({ code }: { code: string }) {
  const t = useT();
  const navigate = useNavigate();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const upload = async (file: File) => {
    setError(null);
    if (!/\.(xlsx|csv)$/i.test(file.name)) {
      setError(t('feeds.upload.onlyType'));
      return;
    }
    if (file.size > MAX_FEED_FILE_BYTES) {
      setError(t('feeds.upload.tooBig', { size: formatSize(file.size) }));
      return;
    }
    setUploading(true);
    try {
      const run = await feedsApi.upload(code, { filename: file.name, contentBase64: await fileToBase64(file) });
      void queryClient.invalidateQueries({ queryKey: feedKeys.all });
      void navigate(`/feeds/runs/${encodeURIComponent(run.id)}`, { state: run.duplicateOf ? { repeated: true } : undefined });
    } catch (err) {
      if (err instanceof ApiError && (err.status === 400 || err.status === 413 || err.status === 422) && err.message) setError(err.message);
      else showError(err);
    } finally {
      setUploading(false);
    }
  };

  return (
    <Card title={t('feeds.upload.title')} size="small">
      <Typography.Paragraph type="secondary">{t('feeds.upload.hint')}</Typography.Paragraph>
      {error ? <Alert type="error" showIcon message={t('feeds.upload.refused')} description={error} style={{ marginBottom: 12 }} /> : null}
      <Upload.Dragger
        accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
        multiple={false}
        showUploadList={false}
        disabled={uploading}
        beforeUpload={(file) => {
          void upload(file);
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">{uploading ? <CloudUploadOutlined /> : <InboxOutlined />}</p>
        <p className="ant-upload-text">{uploading ? t('feeds.upload.uploading') : t('feeds.upload.drop')}</p>
        <p className="ant-upload-hint">{t('feeds.upload.dropHint')}</p>
      </Upload.Dragger>
    </Card>
  );
}
