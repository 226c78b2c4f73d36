/** Pieces of the report form (ReportForm.tsx): the task card above it and the sticky save / submit bar below. */
import { Button, Card, Descriptions, Flex, Typography } from 'antd';
import { SaveOutlined, SendOutlined } from '@ant-design/icons';
import { formatDate } from '../../components/format';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useT } from '../../i18n/useT';
import type { PlanReport, Workspace, WorkspaceRow } from './api';
import { ReportStateTag } from './shared';

/** The task being reported on: number and summary, state, unit, period, due date, the task's text and the year's targets. */
export function ReportTaskCard({
  row,
  ws,
  report,
  taskText,
  targets,
}: {
  row: WorkspaceRow;
  ws: Workspace;
  report: PlanReport | null;
  taskText: string | null;
  targets: { id: string; text: string; unitName: string | null }[];
}) {
  const t = useT();
  return (
    <Card size="small" style={{ marginBottom: 12 }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {row.task.no}. {row.task.summary}
        </Typography.Title>
        <ReportStateTag state={report?.state ?? null} overdue={row.overdue} late={report?.late} />
      </Flex>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, md: 3 }}
        style={{ marginTop: 8 }}
        items={[
          { key: 'unit', label: t('supervision.col.unit'), children: row.unitName },
          { key: 'period', label: t('supervision.col.period'), children: ws.periodLabel },
          {
            key: 'due',
            label: t('supervision.col.dueOn'),
            children: <Typography.Text type={row.overdue ? 'danger' : undefined}>{formatDate(row.dueOn)}</Typography.Text>,
          },
        ]}
      />
      {taskText ? (
        <Typography.Paragraph
          type="secondary"
          style={{ fontSize: 13, marginBottom: 0 }}
          ellipsis={{ rows: 2, expandable: 'collapsible', symbol: (o) => (o ? t('common.collapse') : t('common.expand')) }}
        >
          {t('supervision.edit.taskText')}
          {taskText}
        </Typography.Paragraph>
      ) : null}
      {targets.length ? (
        <Typography.Paragraph type="secondary" style={{ fontSize: 13, marginBottom: 0 }}>
          {t('supervision.edit.targets', { year: ws.period.slice(0, 4) })}
          {targets.map((x) => `${x.unitName ? `${x.unitName}：` : ''}${x.text}`).join('；')}
        </Typography.Paragraph>
      ) : null}
    </Card>
  );
}

/** 保存草稿 and 提交 (or 重新提交), kept at the bottom of the screen, with the unsaved-changes line. */
export function ReportActions({
  saving,
  dirty,
  returned,
  onSaveDraft,
  onSubmit,
}: {
  saving: 'draft' | 'submit' | null;
  dirty: boolean;
  returned: boolean;
  onSaveDraft: () => void;
  onSubmit: () => void;
}) {
  const t = useT();
  const mobile = useIsMobile();
  return (
    <div
      style={{
        position: 'sticky',
        bottom: 0,
        zIndex: 5,
        background: '#fff',
        padding: 12,
        marginInline: mobile ? -12 : 0,
        borderTop: '1px solid #f0f0f0',
        boxShadow: '0 -2px 8px rgba(0,0,0,0.06)',
        borderRadius: mobile ? 0 : 4,
      }}
    >
      <Flex gap={12}>
        <Button
          size="large"
          block
          icon={<SaveOutlined />}
          loading={saving === 'draft'}
          disabled={saving === 'submit'}
          onClick={onSaveDraft}
          style={{ height: 48 }}
        >
          {t('supervision.edit.saveDraft')}
        </Button>
        <Button
          type="primary"
          size="large"
          block
          icon={<SendOutlined />}
          loading={saving === 'submit'}
          disabled={saving === 'draft'}
          onClick={onSubmit}
          style={{ height: 48 }}
        >
          {returned ? t('supervision.edit.resubmit') : t('supervision.edit.submit')}
        </Button>
      </Flex>
      {dirty ? (
        <Typography.Text type="warning" style={{ fontSize: 12, display: 'block', marginTop: 4, textAlign: 'center' }}>
          {t('supervision.edit.unsaved')}
        </Typography.Text>
      ) : null}
    </div>
  );
}
