/** The first step of an import: what the file must be, and the drop zone for it. */
import { Alert, Card, Typography, Upload } from 'antd';
import { CloudUploadOutlined, InboxOutlined } from '@ant-design/icons';
import { useT } from '../../i18n/useT';

export function ImportUploadCard({ uploading, error, onFile }: { uploading: boolean; error: string | null; onFile: (file: File) => void }) {
  const t = useT();
  return (
    <Card>
      <Typography.Paragraph>{t('files.import.intro')}</Typography.Paragraph>
      <ul style={{ marginTop: 0, paddingInlineStart: 20, color: 'rgba(0,0,0,0.65)' }}>
        <li>{t('files.import.rule.template')}</li>
        <li>{t('files.import.rule.key')}</li>
        <li>{t('files.import.rule.atomic')}</li>
        <li>{t('files.import.rule.area')}</li>
      </ul>
      {error ? <Alert type="error" showIcon message={t('files.import.refused')} description={error} style={{ marginBottom: 16 }} /> : null}
      <Upload.Dragger
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        multiple={false}
        showUploadList={false}
        disabled={uploading}
        beforeUpload={(file) => {
          onFile(file);
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">{uploading ? <CloudUploadOutlined /> : <InboxOutlined />}</p>
        <p className="ant-upload-text">{uploading ? t('files.import.uploading') : t('files.import.drop')}</p>
        <p className="ant-upload-hint">{t('files.import.dropHint')}</p>
      </Upload.Dragger>
    </Card>
  );
}
