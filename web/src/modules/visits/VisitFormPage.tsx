import { useMemo, useRef, useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, DatePicker, Flex, Form, Input, List, Radio, Result, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, DeleteOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { AttachmentsTab } from '../files/AttachmentsTab';
import { ApiError } from '../../api/client';
import { ErrorResult } from '../../components/ErrorResult';
import { formatDate } from '../../components/format';
import { FullPageSpin } from '../../components/FullPageSpin';
import { PageHeader } from '../../components/PageHeader';
import { useApi } from '../../hooks/useApi';
import { useApiError } from '../../hooks/useApiError';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useT } from '../../i18n/useT';
import { visitsApi, type CheckStatus, type ProblemCategory, type Visit, type VisitForm, type VisitKind } from './api';
import { ChecklistInput, type CheckRow } from './ChecklistInput';
import { DueTag, RiskTag, useCodeLabel, VISIT_KINDS } from './labels';
import { ProblemsInput } from './ProblemsInput';
import { useFormDraft } from '../../drafts/useFormDraft';
import { useLeaveGuard } from '../../hooks/useLeaveGuard';

interface Values {
  visitedOn?: Dayjs;
  kind?: VisitKind;
  peopleMet?: string;
  findings?: string;
  checklist?: Record<string, { status?: CheckStatus; note?: string } | undefined>;
  problems?: { description?: string; category?: ProblemCategory; severity?: 'high' | 'medium' | 'low'; responsibleUnit?: string; dueOn?: Dayjs }[];
}

/** The visit form: /visits/new/:childId and /visits/:id/edit. Loads the visit (if any), then the child's form context. */
export default function VisitFormPage() {
  const { childId, id } = useParams();
  const { data, loading, error, reload } = useApi(async () => {
    const visit = id ? await visitsApi.get(id) : null;
    const cid = visit?.childId ?? childId;
    if (!cid) throw new ApiError(404, 'NOT_FOUND', '');
    return { visit, form: await visitsApi.form(cid) };
  }, [id, childId]);
  const t = useT();

  if (loading && !data) return <FullPageSpin />;
  if (error instanceof ApiError && (error.status === 404 || error.status === 400)) return <Result status="404" title={t('visits.form.notFound')} />;
  if (error || !data) return <ErrorResult error={error} onRetry={reload} />;
  // A new key per visit version: the form starts again from what the server holds.
  return <VisitFormBody key={`${data.visit?.id ?? 'new'}:${data.visit?.version ?? 0}`} visit={data.visit} ctx={data.form} onReload={reload} />;
}

function VisitFormBody({ visit, ctx, onReload }: { visit: Visit | null; ctx: VisitForm; onReload: () => void }) {
  const t = useT();
  const label = useCodeLabel();
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
  const back = (location.state as { from?: string } | null)?.from ?? `/children/${encodeURIComponent(child.id)}`;
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

  // What the form asks: the current active list; a submitted visit being corrected keeps its own items.
  const rows: CheckRow[] = useMemo(() => {
    if (!correcting) return ctx.checklist.map((c) => ({ code: c.code, label: c.label, hint: c.hint }));
    const active = new Map(ctx.checklist.map((c) => [c.code, c]));
    return visit.checklist.map((e) => ({ code: e.code, label: e.label, hint: active.get(e.code)?.hint ?? null, retired: !active.has(e.code) }));
  }, [ctx.checklist, visit, correcting]);

  const initialValues: Values = useMemo(() => {
    const answers: Values['checklist'] = {};
    for (const e of visit?.checklist ?? []) {
      if (rows.some((r) => r.code === e.code)) answers[e.code] = { status: e.status, note: e.note ?? undefined };
    }
    return {
      visitedOn: dayjs(visit?.visitedOn ?? ctx.today),
      kind: visit?.kind ?? 'home',
      peopleMet: visit?.peopleMet ?? undefined,
      findings: visit?.findings ?? undefined,
      checklist: answers,
      problems: (visit?.draftProblems ?? []).map((p) => ({
        description: p.description, category: p.category, severity: p.severity, responsibleUnit: p.responsibleUnit ?? undefined,
        dueOn: p.dueOn ? dayjs(p.dueOn) : undefined,
      })),
    };
  }, [visit, ctx.today, rows]);

  const answers = Form.useWatch('checklist', form);
  const visitedOn = Form.useWatch('visitedOn', form);
  const done = rows.filter((r) => answers?.[r.code]?.status).length;

  const today = dayjs(ctx.today);
  const birth = dayjs(child.birthDate);

  const toBody = (v: Values) => ({
    visitedOn: v.visitedOn!.format('YYYY-MM-DD'),
    kind: v.kind!,
    peopleMet: v.peopleMet?.trim() || null,
    findings: v.findings?.trim() || null,
    checklist: rows.flatMap((r) => {
      const a = v.checklist?.[r.code];
      return a?.status ? [{ code: r.code, status: a.status, note: a.status === 'attention' ? a.note?.trim() || null : null }] : [];
    }),
    problems: (v.problems ?? []).map((p) => ({
      description: p.description!.trim(), category: p.category!, severity: p.severity!, responsibleUnit: p.responsibleUnit ?? null,
      dueOn: p.dueOn ? p.dueOn.format('YYYY-MM-DD') : null,
    })),
  });

  /** Server field paths (visitedOn, checklist.<code>, problems.<i>.<field>) → the fields of this form. */
  const showServerFields = (err: ApiError): boolean => {
    const fields = err.fields.flatMap((f) => {
      const p = f.path.split('.');
      if (p[0] === 'checklist' && p[1]) return [{ name: ['checklist', p[1], 'status'], errors: [f.message] }];
      if (p[0] === 'problems' && p[1] && p[2]) return [{ name: ['problems', Number(p[1]), p[2]], errors: [f.message] }];
      if (p[0] === 'visitedOn' || p[0] === 'kind' || p[0] === 'peopleMet' || p[0] === 'findings') return [{ name: [p[0]], errors: [f.message] }];
      return [];
    });
    if (!fields.length) return false;
    form.setFields(fields as Parameters<typeof form.setFields>[0]);
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
      const body = toBody(values);
      const saved = visit
        ? await visitsApi.update(visit.id, { ...body, version: visit.version, submit: submit && !correcting })
        : await visitsApi.create({ ...body, childId: child.id, submit });
      release();
      setDirty(false);
      await local.clear();
      if (saved.status === 'submitted') {
        const after = await visitsApi.form(child.id).catch(() => null);
        void message.success(
          correcting
            ? t('visits.form.corrected')
            : after?.child.nextVisitDue
              ? t('visits.form.submittedNextDue', { date: formatDate(after.child.nextVisitDue) })
              : t('visits.form.submitted'),
        );
        navigate(back);
      } else {
        void message.success(t('visits.form.draftSaved'));
        if (!visit) navigate(`/visits/${encodeURIComponent(saved.id)}/edit`, { replace: true, state: location.state });
        else onReload();
      }
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
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
          void message.success(t('visits.form.deleted'));
          navigate(back, { replace: true });
        } catch (err) {
          showError(err);
        }
      },
    });
  };

  const title = correcting ? t('visits.form.titleCorrect') : visit ? t('visits.form.titleEdit') : t('visits.form.titleNew');
  const overdueDays = child.nextVisitDue ? today.diff(dayjs(child.nextVisitDue), 'day') : null;
  const header = (
    <Card size="small" style={{ marginBottom: 12 }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Flex align="center" gap={8} wrap>
          <Link to={`/children/${encodeURIComponent(child.id)}`}>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {child.name}
            </Typography.Title>
          </Link>
          <RiskTag level={child.riskLevel} />
          {child.status === 'active' ? <DueTag daysOverdue={overdueDays} due={child.nextVisitDue} /> : null}
        </Flex>
        <Typography.Text type="secondary">
          {child.streetName} · {child.committeeName}
        </Typography.Text>
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {t('visits.form.lastVisit', { date: child.lastVisitOn ? formatDate(child.lastVisitOn) : t('visits.neverVisited') })}
        {' · '}
        {t('visits.form.nextDue', { date: formatDate(child.nextVisitDue) })}
      </Typography.Text>
    </Card>
  );

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

  const section = (heading: string, extra: ReactNode, body: ReactNode, hint?: string) => (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      title={heading}
      extra={extra}
      styles={{ body: { paddingTop: hint ? 8 : undefined } }}
    >
      {hint ? (
        <Typography.Paragraph type="secondary" style={{ fontSize: 13, marginBottom: 4 }}>
          {hint}
        </Typography.Paragraph>
      ) : null}
      {body}
    </Card>
  );

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
            <Link to={`/visits/${encodeURIComponent(ctx.draft.id)}/edit`} state={location.state} replace>
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
        <Card size="small" style={{ marginBottom: 12 }}>
          <Flex gap={mobile ? 0 : 16} vertical={mobile}>
            <Form.Item name="visitedOn" label={t('visits.form.visitedOn')} rules={[{ required: true, message: t('visits.form.visitedOnRequired') }]} style={{ flex: 1 }}>
              <DatePicker
                size="large"
                style={{ width: '100%' }}
                format="YYYY-MM-DD"
                allowClear={false}
                inputReadOnly={mobile}
                disabledDate={(d) => d.isAfter(today, 'day') || d.isBefore(birth, 'day')}
              />
            </Form.Item>
            <Form.Item name="peopleMet" label={t('visits.form.peopleMet')} style={{ flex: 1 }}>
              <Input size="large" maxLength={200} placeholder={t('visits.form.peopleMetPlaceholder')} style={{ fontSize: 16 }} />
            </Form.Item>
          </Flex>
          <Form.Item name="kind" label={t('visits.form.kind')} rules={[{ required: true, message: t('visits.form.kindRequired') }]} style={{ marginBottom: 0 }}>
            <Radio.Group
              block
              optionType="button"
              buttonStyle="solid"
              size="large"
              options={VISIT_KINDS.map((k) => ({ value: k, label: t(`visits.kind.${k}`), style: { height: 44, lineHeight: '42px', fontSize: 16 } }))}
            />
          </Form.Item>
        </Card>

        {section(
          t('visits.form.checklist'),
          <Tag color={done === rows.length ? 'green' : 'default'}>{t('visits.form.answered', { done, total: rows.length })}</Tag>,
          <ChecklistInput rows={rows} strict={strict} />,
          t('visits.form.checklistHint'),
        )}

        {section(
          t('visits.form.findings'),
          null,
          <Form.Item name="findings" style={{ marginBottom: 0 }}>
            <Input.TextArea
              aria-label={t('visits.form.findings')}
              autoSize={{ minRows: 4, maxRows: 12 }}
              maxLength={4000}
              showCount
              placeholder={t('visits.form.findingsPlaceholder')}
              style={{ fontSize: 16 }}
            />
          </Form.Item>,
        )}

        {section(
          t('visits.form.problems'),
          null,
          <>
            {visit && visit.problems.length ? (
              <List
                size="small"
                style={{ marginBottom: 12 }}
                header={<Typography.Text type="secondary">{t('visits.form.existingProblems')}</Typography.Text>}
                dataSource={visit.problems}
                renderItem={(p) => (
                  <List.Item>
                    <Flex vertical gap={2}>
                      <span>{p.description}</span>
                      <Flex gap={4} wrap>
                        <Tag>{label('visits.problemCategory', p.category)}</Tag>
                        <Tag color={p.severity === 'high' ? 'red' : p.severity === 'medium' ? 'orange' : 'green'}>{label('visits.severity', p.severity)}</Tag>
                        <Tag>{label('visits.problemStatus', p.status)}</Tag>
                      </Flex>
                    </Flex>
                  </List.Item>
                )}
              />
            ) : null}
            <ProblemsInput minDate={visitedOn ?? null} />
          </>,
          t('visits.form.problemsHint'),
        )}

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
            {correcting ? (
              <Button type="primary" size="large" block icon={<SaveOutlined />} loading={saving === 'submit'} onClick={() => void save(true)} style={{ height: 48 }}>
                {t('visits.form.saveCorrection')}
              </Button>
            ) : (
              <>
                <Button size="large" block icon={<SaveOutlined />} loading={saving === 'draft'} onClick={() => void save(false)} style={{ height: 48 }}>
                  {t('visits.form.saveDraft')}
                </Button>
                <Button type="primary" size="large" block icon={<SendOutlined />} loading={saving === 'submit'} onClick={() => void save(true)} style={{ height: 48 }}>
                  {t('visits.form.submit')}
                </Button>
              </>
            )}
          </Flex>
        </div>
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
