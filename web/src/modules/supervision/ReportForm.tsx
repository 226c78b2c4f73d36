/**
 * The form of one progress report (ReportEditPage): saves drafts, uploads evidence (saving the
 * draft first when needed), submits after a confirmation, warns before leaving with unsaved
 * changes; a returned report shows the reviewer's comment and can be revised and submitted again.
 * Works one-handed on a phone.
 */
import { useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Radio, Typography } from 'antd';
import { ArrowLeftOutlined, EyeOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link, useLocation, useNavigate } from 'react-router';
import { ApiError, toQueryString } from '../../api/client';
import { formatDate, formatDateTime } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { useApiError } from '../../hooks/useApiError';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useT } from '../../i18n/useT';
import { fileToBase64 } from '../files/download';
import { useLeaveGuard } from '../../hooks/useLeaveGuard';
import { planApi, PROGRESS, type Evidence, type PlanReport, type Progress, type Workspace, type WorkspaceRow } from './api';
import { EvidenceList } from './Evidence';
import { invalidateReportLists } from './queries';
import { ReportActions, ReportTaskCard } from './ReportFormParts';
import { useFormDraft } from '../../drafts/useFormDraft';

interface Values {
  progress?: Progress;
  done?: string;
  figures?: string;
  problems?: string;
  nextSteps?: string;
}

export function ReportForm({
  ws,
  row,
  report: initial,
  unitParam,
  taskText,
  targets,
  opensOn,
  onReload,
}: {
  ws: Workspace;
  row: WorkspaceRow;
  report: PlanReport | null;
  unitParam: string | undefined;
  taskText: string | null;
  targets: { id: string; text: string; unitName: string | null }[];
  opensOn: string | null;
  onReload: () => void;
}) {
  const t = useT();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const location = useLocation();
  const { message, modal } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<Values>();
  const [report, setReport] = useState<PlanReport | null>(initial);
  const [evidence, setEvidence] = useState<Evidence[]>(initial?.evidence ?? []);
  const [saving, setSaving] = useState<'draft' | 'submit' | null>(null);
  const [dirty, setDirty] = useState(false);
  const { release } = useLeaveGuard(dirty);
  const strict = useRef(false);
  const back = (location.state as { from?: string } | null)?.from ?? `/supervision/reports${toQueryString({ tab: 'mine', period: ws.period })}`;
  const editable = ws.open && (!report || report.canEdit);
  // Kept in this browser until the server has it: a session timeout or a reload loses nothing (drafts/useFormDraft.ts).
  const local = useFormDraft({
    form,
    formKey: editable ? `report:${row.task.id}:${ws.period}:${row.unitCode}` : null,
    kind: 'report',
    base: initial?.version ?? null,
    onRestore: () => setDirty(true),
  });

  const initialValues: Values = useMemo(
    () => ({
      progress: initial?.progress,
      done: initial?.done ?? '',
      figures: initial?.figures ?? '',
      problems: initial?.problems ?? '',
      nextSteps: initial?.nextSteps ?? '',
    }),
    [initial],
  );

  const conflict = (err: ApiError) => {
    modal.confirm({
      title: t('supervision.conflict.title'),
      content: (
        <>
          <p>{err.message}</p>
          <Typography.Text type="secondary">{t('supervision.conflict.reportHint')}</Typography.Text>
        </>
      ),
      okText: t('supervision.conflict.reload'),
      cancelText: t('supervision.conflict.keep'),
      onOk: () => {
        release();
        setDirty(false);
        onReload();
      },
    });
  };

  /** Saves the form as the draft; resolves to the saved report, or null when the form or the server refused. */
  const saveDraft = async (): Promise<PlanReport | null> => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      void message.error(strict.current ? t('supervision.edit.incompleteSubmit') : t('supervision.edit.incomplete'));
      return null;
    }
    try {
      const saved = await planApi.saveReport({
        taskId: row.task.id,
        period: ws.period,
        unitCode: unitParam ? row.unitCode : undefined,
        progress: v.progress!,
        done: v.done?.trim() ?? '',
        figures: v.figures?.trim() ?? '',
        problems: v.problems?.trim() ?? '',
        nextSteps: v.nextSteps?.trim() ?? '',
        version: report?.version,
      });
      setReport(saved);
      setEvidence(saved.evidence);
      setDirty(false);
      await local.clear();
      void invalidateReportLists();
      return saved;
    } catch (err) {
      // Any 409 here means the report moved on elsewhere (a stale version, or submitted meanwhile): offer to reload.
      if (err instanceof ApiError && err.status === 409) conflict(err);
      else showError(err, form);
      return null;
    }
  };

  const onSaveDraft = async () => {
    strict.current = false;
    setSaving('draft');
    const saved = await saveDraft();
    setSaving(null);
    if (saved) void message.success(t('supervision.edit.draftSaved', { time: dayjs().format('HH:mm') }));
  };

  const onSubmit = async () => {
    strict.current = true;
    try {
      await form.validateFields();
    } catch {
      void message.error(t('supervision.edit.incompleteSubmit'));
      return;
    }
    modal.confirm({
      title: t('supervision.edit.submitConfirmTitle'),
      content: t('supervision.edit.submitConfirm', { task: `${row.task.no}. ${row.task.summary}`, period: ws.periodLabel, n: evidence.length }),
      okText: t('supervision.edit.submit'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        setSaving('submit');
        try {
          const saved = await saveDraft();
          if (!saved) return;
          const submitted = await planApi.submitReport(saved.id, saved.version);
          void invalidateReportLists();
          release();
          setDirty(false);
          void message.success(submitted.late ? t('supervision.edit.submittedLate') : t('supervision.edit.submitted'));
          void navigate(`/supervision/reports/${encodeURIComponent(submitted.id)}`, { replace: true, state: { from: back } });
        } catch (err) {
          if (err instanceof ApiError && err.status === 409) conflict(err);
          else showError(err);
        } finally {
          setSaving(null);
        }
      },
    });
  };

  const upload = async (file: File): Promise<Evidence | null> => {
    let target = report;
    if (!target) {
      // Evidence belongs to a report: the first file saves the draft.
      strict.current = false;
      target = await saveDraft();
      if (!target) return null;
      void message.info(t('supervision.edit.autoSaved'));
    }
    const ev = await planApi.uploadEvidence(target.id, { filename: file.name, contentBase64: await fileToBase64(file) });
    setEvidence((list) => [...list, ev]);
    return ev;
  };

  const header = <ReportTaskCard row={row} ws={ws} report={report} taskText={taskText} targets={targets} />;

  const backButton = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(back)}>
      {t('supervision.edit.back')}
    </Button>
  );
  const title = report?.state === 'returned' ? t('supervision.edit.titleRevise') : t('supervision.edit.title');

  if (!ws.open) {
    return (
      <div style={{ maxWidth: 860, marginInline: 'auto' }}>
        <PageHeader title={title} extra={backButton} />
        {header}
        <Alert
          type="info"
          showIcon
          title={t('supervision.edit.notOpenTitle', { period: ws.periodLabel })}
          description={opensOn ? t('supervision.edit.notOpenFrom', { date: formatDate(opensOn) }) : t('supervision.edit.notOpen')}
        />
      </div>
    );
  }
  if (report && !report.canEdit) {
    return (
      <div style={{ maxWidth: 860, marginInline: 'auto' }}>
        <PageHeader title={title} extra={backButton} />
        {header}
        <Alert
          type="info"
          showIcon
          title={
            report.state === 'submitted'
              ? t('supervision.edit.lockedSubmitted')
              : report.state === 'accepted'
                ? t('supervision.edit.lockedAccepted')
                : t('supervision.edit.locked')
          }
          action={
            <Link to={`/supervision/reports/${encodeURIComponent(report.id)}`}>
              <Button size="small" icon={<EyeOutlined />}>
                {t('supervision.reports.view')}
              </Button>
            </Link>
          }
        />
      </div>
    );
  }

  const area = (name: keyof Values, label: string, placeholder: string, max: number, required = false) => (
    <Form.Item
      name={name}
      label={label}
      rules={
        required
          ? [
              {
                validator: (_, v: string | undefined) =>
                  !strict.current || (v ?? '').trim().length >= 2 ? Promise.resolve() : Promise.reject(new Error(t('supervision.edit.doneRequired'))),
              },
            ]
          : []
      }
      required={required}
    >
      <Input.TextArea
        autoSize={{ minRows: name === 'done' ? 4 : 2, maxRows: 14 }}
        maxLength={max}
        showCount
        placeholder={placeholder}
        style={{ fontSize: 16 }}
      />
    </Form.Item>
  );

  return (
    <div style={{ maxWidth: 860, marginInline: 'auto' }}>
      <PageHeader title={title} extra={mobile ? null : backButton} />
      {report?.state === 'returned' ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('supervision.edit.returnedTitle', { by: report.reviewedByName ?? '—', at: formatDateTime(report.reviewedAt) })}
          description={<span style={{ whiteSpace: 'pre-wrap' }}>{report.reviewComment || '—'}</span>}
        />
      ) : null}
      {header}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onValuesChange={() => {
          setDirty(true);
          local.onValuesChange();
        }}
        scrollToFirstError={{ block: 'center', behavior: 'smooth' }}
        requiredMark
        disabled={saving !== null || !editable}
      >
        <Card size="small" style={{ marginBottom: 12 }}>
          <Form.Item
            name="progress"
            label={t('supervision.edit.progress')}
            rules={[{ required: true, message: t('supervision.edit.progressRequired') }]}
            style={{ marginBottom: 8 }}
          >
            <Radio.Group
              block
              optionType="button"
              buttonStyle="solid"
              size="large"
              options={PROGRESS.map((p) => ({
                value: p,
                label: t(`supervision.status.${p}`),
                style: { height: 44, lineHeight: '42px', fontSize: 16, paddingInline: mobile ? 4 : undefined },
              }))}
            />
          </Form.Item>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('supervision.edit.progressHint')}
          </Typography.Text>
        </Card>
        <Card size="small" style={{ marginBottom: 12 }}>
          {area('done', t('supervision.edit.done'), t('supervision.edit.donePlaceholder'), 4000, true)}
          {area('figures', t('supervision.edit.figures'), t('supervision.edit.figuresPlaceholder'), 2000)}
          {area('problems', t('supervision.edit.problems'), t('supervision.edit.problemsPlaceholder'), 2000)}
          {area('nextSteps', t('supervision.edit.nextSteps'), t('supervision.edit.nextStepsPlaceholder'), 2000)}
        </Card>
      </Form>
      <Card size="small" title={t('supervision.edit.evidence')} style={{ marginBottom: 12 }}>
        <EvidenceList
          items={evidence}
          disabled={saving !== null}
          onUpload={upload}
          onRemoved={(id) => setEvidence((list) => list.filter((e) => e.id !== id))}
        />
        {!report ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('supervision.edit.evidenceAutoSave')}
          </Typography.Text>
        ) : null}
      </Card>
      <ReportActions
        saving={saving}
        dirty={dirty}
        returned={report?.state === 'returned'}
        onSaveDraft={() => void onSaveDraft()}
        onSubmit={() => void onSubmit()}
      />
    </div>
  );
}
