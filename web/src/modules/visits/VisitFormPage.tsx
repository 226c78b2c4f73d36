import { useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Card, Form, Result, Typography } from 'antd';
import { ArrowLeftOutlined, DeleteOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { AttachmentsTab } from '../files/AttachmentsTab';
import { ApiError } from '../../api/client';
import { queryClient } from '../../api/queryClient';
import { ErrorResult } from '../../components/ErrorResult';
import { formatDate } from '../../components/format';
import { FullPageSpin } from '../../components/FullPageSpin';
import { PageHeader } from '../../components/PageHeader';
import { useApiError } from '../../hooks/useApiError';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useT } from '../../i18n/useT';
import { visitsApi, type Visit, type VisitForm } from './api';
import { checklistRows, initialValues as initialValuesOf, serverFieldErrors, toBody, type Values } from './form/values';
import { ChecklistSection, ChildSummary, FindingsSection, ProblemsSection, SaveBar, VisitBasics } from './form/sections';
import { useFormDraft } from '../../drafts/useFormDraft';
import { useLeaveGuard } from '../../hooks/useLeaveGuard';

/**
 * After a visit changed, its lists, counts and the child's file (its next due date moved) are read
 * again where they are shown next. Not this page: it reloads or leaves by itself.
 */
const refreshAfterChange = () => {
  for (const queryKey of [['visits'], ['children']]) void queryClient.invalidateQueries({ queryKey, refetchType: 'none' });
};

/** The visit form: /visits/new/:childId and /visits/:id/edit. Loads the visit (if any), then the child's form context. */
export default function VisitFormPage() {
  const { childId, id } = useParams();
  const { data, isPending, error, refetch } = useQuery({
    queryKey: ['visits', 'form', id ?? null, childId ?? null],
    queryFn: async () => {
      const visit = id ? await visitsApi.get(id) : null;
      const cid = visit?.childId ?? childId;
      if (!cid) throw new ApiError(404, 'NOT_FOUND', '');
      return { visit, form: await visitsApi.form(cid) };
    },
    // The form starts from what the server holds now, never from a cached answer.
    staleTime: 0,
    gcTime: 0,
  });
  const reload = () => void refetch();
  const t = useT();

  if (isPending) return <FullPageSpin />;
  if (error instanceof ApiError && (error.status === 404 || error.status === 400)) return <Result status="404" title={t('visits.form.notFound')} />;
  if (error || !data) return <ErrorResult error={error} onRetry={reload} />;
  // A new key per visit version: the form starts again from what the server holds.
  return <VisitFormBody key={`${data.visit?.id ?? 'new'}:${data.visit?.version ?? 0}`} visit={data.visit} ctx={data.form} onReload={reload} />;
}

function VisitFormBody({ visit, ctx, onReload }: { visit: Visit | null; ctx: VisitForm; onReload: () => void }) {
  const t = useT();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const location = useLocation();
  const { message, modal } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState<'draft' | 'submit' | null>(null);
  const [dirty, setDirty] = useState(false);
  const { release } = useLeaveGuard(dirty);
  const strict = useRef(false);
  const child = ctx.child;
  const correcting = visit?.status === 'submitted';
  // The page that opened the form (the work list or the child file) passes where to return to.
  const fromState: unknown = location.state;
  const back = (fromState as { from?: string } | null)?.from ?? `/children/${encodeURIComponent(child.id)}`;
  // What is typed is kept in this browser until the server has it: a session timeout, a reload or
  // a lost network loses nothing (drafts/useFormDraft.ts).
  const writable = visit ? visit.editable : child.status === 'active';
  const local = useFormDraft({
    form,
    formKey: writable ? (visit ? `visit:${visit.id}` : `visit:new:${child.id}`) : null,
    kind: 'visit',
    base: visit?.version ?? null,
    onRestore: () => setDirty(true),
  });

  const rows = useMemo(() => checklistRows(ctx, visit), [ctx, visit]);
  const initialValues = useMemo(() => initialValuesOf(ctx, visit, rows), [ctx, visit, rows]);

  const answers = Form.useWatch('checklist', form);
  const visitedOn = Form.useWatch('visitedOn', form);
  const done = rows.filter((r) => answers?.[r.code]?.status).length;

  const today = dayjs(ctx.today);
  const birth = dayjs(child.birthDate);

  /** Shows the server's field errors on their fields; false when none of them is a field of this form. */
  const showServerFields = (err: ApiError): boolean => {
    const fields = serverFieldErrors(err);
    if (!fields.length) return false;
    form.setFields(fields as Parameters<typeof form.setFields>[0]); // names built from server paths in serverFieldErrors, which maps only this form's fields
    void message.error(err.message || t('error.fields'));
    return true;
  };

  const save = async (submit: boolean) => {
    strict.current = submit || correcting;
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      void message.error(t('visits.form.incomplete'));
      return;
    }
    setSaving(submit ? 'submit' : 'draft');
    try {
      const body = toBody(values, rows);
      const saved = visit
        ? await visitsApi.update(visit.id, { ...body, version: visit.version, submit: submit && !correcting })
        : await visitsApi.create({ ...body, childId: child.id, submit });
      release();
      setDirty(false);
      await local.clear();
      refreshAfterChange();
      if (saved.status === 'submitted') {
        const after = await visitsApi.form(child.id).catch(() => null);
        void message.success(
          correcting
            ? t('visits.form.corrected')
            : after?.child.nextVisitDue
              ? t('visits.form.submittedNextDue', { date: formatDate(after.child.nextVisitDue) })
              : t('visits.form.submitted'),
        );
        void navigate(back);
      } else {
        void message.success(t('visits.form.draftSaved'));
        if (!visit) void navigate(`/visits/${encodeURIComponent(saved.id)}/edit`, { replace: true, state: fromState });
        else onReload();
      }
    } catch (err) {
      if (err instanceof ApiError && err.code === 'VERSION_CONFLICT') {
        modal.confirm({
          title: t('visits.form.conflictTitle'),
          content: (
            <>
              <p>{err.message}</p>
              <Typography.Text type="secondary">{t('visits.form.conflictHint')}</Typography.Text>
            </>
          ),
          okText: t('visits.form.conflictReload'),
          cancelText: t('visits.form.conflictKeep'),
          onOk: () => {
            release();
            setDirty(false);
            onReload();
          },
        });
      } else if (!(err instanceof ApiError && err.status === 400 && showServerFields(err))) {
        showError(err);
      }
    } finally {
      setSaving(null);
    }
  };

  const removeDraft = () => {
    if (!visit) return;
    modal.confirm({
      title: t('visits.form.deleteConfirm'),
      okText: t('common.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await visitsApi.remove(visit.id);
          release();
          setDirty(false);
          await local.clear();
          refreshAfterChange();
          void message.success(t('visits.form.deleted'));
          void navigate(back, { replace: true });
        } catch (err) {
          showError(err);
        }
      },
    });
  };

  const title = correcting ? t('visits.form.titleCorrect') : visit ? t('visits.form.titleEdit') : t('visits.form.titleNew');
  const header = <ChildSummary child={child} today={today} />;

  const backButton = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(back)}>
      {t('visits.form.back')}
    </Button>
  );

  if (visit && !visit.editable) {
    return (
      <>
        <PageHeader title={title} extra={backButton} />
        {header}
        <Alert type="info" showIcon title={t('visits.form.notEditable')} />
      </>
    );
  }
  if (!visit && child.status !== 'active') {
    return (
      <>
        <PageHeader title={title} extra={backButton} />
        {header}
        <Alert type="warning" showIcon title={t('visits.form.closedChild')} />
      </>
    );
  }

  return (
    <div style={{ maxWidth: 860, marginInline: 'auto' }}>
      <PageHeader
        title={title}
        extra={
          <>
            {visit?.deletable ? (
              <Button danger icon={<DeleteOutlined />} onClick={removeDraft}>
                {t('visits.action.deleteDraft')}
              </Button>
            ) : null}
            {mobile ? null : backButton}
          </>
        }
      />
      {header}
      {!visit && ctx.draft ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('visits.form.draftExists', { date: formatDate(ctx.draft.visitedOn) })}
          action={
            <Link to={`/visits/${encodeURIComponent(ctx.draft.id)}/edit`} state={fromState} replace>
              <Button size="small" type="primary">
                {t('visits.form.continueDraft')}
              </Button>
            </Link>
          }
        />
      ) : null}
      {correcting ? <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('visits.form.correctHint')} /> : null}
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
        disabled={saving !== null}
      >
        <VisitBasics today={today} birth={birth} />
        <ChecklistSection rows={rows} done={done} strict={strict} />
        <FindingsSection />
        <ProblemsSection visit={visit} visitedOn={visitedOn ?? null} />
        <SaveBar correcting={correcting} saving={saving} onSave={(submit) => void save(submit)} />
      </Form>
      {/* Photos and documents of the visit: uploads need the saved visit's id. */}
      <Card size="small" title={t('visits.form.attachments')} style={{ marginTop: 16 }}>
        {visit ? (
          <AttachmentsTab childId={visit.childId} entity="visit" entityId={visit.id} />
        ) : (
          <Typography.Text type="secondary">{t('visits.form.attachmentsAfterSave')}</Typography.Text>
        )}
      </Card>
    </div>
  );
}
