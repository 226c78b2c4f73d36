import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Result, Space, Typography, type SelectProps } from 'antd';
import { ArrowLeftOutlined, ReloadOutlined, SaveOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { ADULT_AGE, ageOn, normaliseIdNumber, validateIdNumber } from '@common/idNumber';
import { ApiError } from '../../api/client';
import { queryClient } from '../../api/queryClient';
import { useAuth } from '../../auth/useAuth';
import { ErrorResult } from '../../components/ErrorResult';
import { FullPageSpin } from '../../components/FullPageSpin';
import { PageHeader } from '../../components/PageHeader';
import { useApiError } from '../../hooks/useApiError';
import { useStreets } from '../../hooks/useOrg';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useLeaveGuard, type LeaveTexts } from '../../hooks/useLeaveGuard';
import { useLocalName } from '../../hooks/useLocalName';
import { useT } from '../../i18n/useT';
import { childKeys, childrenApi, FILE_STALE_TIME } from './api';
import { apiFields, changedFields, fileToForm, mergeLatest, type ChildFormValues } from './childForm';
import { EconomySection } from './form/EconomySection';
import { FactsSection } from './form/FactsSection';
import { IdentitySection } from './form/IdentitySection';
import { MembersSection } from './form/MembersSection';
import { ResidenceSection } from './form/ResidenceSection';
import { RiskSection } from './form/RiskSection';
import { SchoolSection } from './form/SchoolSection';
import { DATE } from './labels';
import { memberFromForm } from './MemberFields';
import type { ChildCreate, ChildFile, ChildUpdate, DuplicateResult } from './types';
import { useScopeCommittees } from './useScope';
import { useOver18Dialog } from './Over18Dialog';
import { useFormDraft } from '../../drafts/useFormDraft';

/** `/children/new` and `/children/:id/edit`: one form for both. */
export default function ChildFormPage() {
  const { id } = useParams();
  const t = useT();
  const navigate = useNavigate();
  const loaded = useQuery({ queryKey: childKeys.file(id ?? ''), queryFn: () => childrenApi.get(id ?? ''), enabled: !!id, staleTime: FILE_STALE_TIME });

  if (!id) return <ChildForm file={null} />;
  if (loaded.isLoading) return <FullPageSpin />;
  if (loaded.error instanceof ApiError && (loaded.error.status === 404 || loaded.error.status === 400)) {
    return (
      <Result
        status="404"
        title={t('children.notFound')}
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/children')}>
            {t('children.backToList')}
          </Button>
        }
      />
    );
  }
  if (!loaded.data) return <ErrorResult error={loaded.error} onRetry={() => void loaded.refetch()} />;
  if (loaded.data.status === 'closed' || !loaded.data.can.edit) {
    return (
      <Result
        status="info"
        title={t('children.closedReadOnly')}
        extra={<Button onClick={() => navigate(`/children/${encodeURIComponent(loaded.data.id)}`)}>{t('children.backToFile')}</Button>}
      />
    );
  }
  return <ChildForm key={loaded.data.id} file={loaded.data} />;
}

/** The wording of the question asked before leaving a form with unsaved changes. */
const LEAVE_TEXTS: LeaveTexts = {
  title: 'children.form.leaveTitle',
  content: 'children.form.leaveContent',
  leave: 'children.form.leave',
  stay: 'children.form.stay',
};

/** The name and birth date a new file starts from (`?name=&birthDate=YYYY-MM-DD`), when valid. */
function foundInData(params: URLSearchParams): Pick<ChildFormValues, 'name' | 'birthDate'> {
  const name = params.get('name')?.trim().slice(0, 50);
  const birth = params.get('birthDate') ?? '';
  const birthDate = /^\d{4}-\d{2}-\d{2}$/.test(birth) && dayjs(birth).isValid() ? dayjs(birth) : undefined;
  return { ...(name ? { name } : {}), ...(birthDate ? { birthDate } : {}) };
}

function ChildForm({ file: initialFile }: { file: ChildFile | null }) {
  const t = useT();
  const localName = useLocalName();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const { can } = useAuth();
  const { message, notification } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<ChildFormValues>();
  // 主动发现: a child found by a department's data (数据共享) starts from the source's name and birth date.
  const [params] = useSearchParams();
  const found = initialFile ? {} : foundInData(params);
  const [file, setFile] = useState<ChildFile | null>(initialFile);
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const [conflict, setConflict] = useState(false);
  const [reloading, setReloading] = useState(false);
  const [dup, setDup] = useState<DuplicateResult | null>(null);
  const over18 = useOver18Dialog();
  const editing = !!file;
  // Kept in this browser until saved: a session timeout or a reload loses nothing (drafts/useFormDraft.ts).
  const local = useFormDraft({
    form,
    formKey: initialFile ? `child:${initialFile.id}` : 'child:new',
    kind: 'child',
    base: initialFile?.version ?? null,
    onRestore: () => setDirty(true),
  });
  const health = editing ? file.can.health : can('children.health');

  const idNumber = Form.useWatch('idNumber', form);
  const idCheck = idNumber?.trim() ? validateIdNumber(idNumber) : null;
  const withoutId = !editing && !idNumber?.trim();

  // Committees the caller may register in; on edit only those of the file's street (a move to another street is a transfer).
  const committees = useScopeCommittees();
  const streets = useStreets();
  const committeeOptions = useMemo((): NonNullable<SelectProps['options']> => {
    const list = (committees.data ?? []).filter((c) => !file || c.streetCode === file.streetCode);
    const byStreet = new Map<string, { value: string; label: string }[]>();
    for (const c of list) byStreet.set(c.streetCode, [...(byStreet.get(c.streetCode) ?? []), { value: c.id, label: c.name }]);
    if (byStreet.size <= 1) return [...byStreet.values()].flat();
    return [...byStreet].map(([code, options]) => ({ label: localName(streets.data?.items.find((s) => s.code === code)) || code, options }));
  }, [committees.data, streets.data, file, localName]);

  // Unsaved changes: ask before leaving the page, and before closing the tab.
  const { release } = useLeaveGuard(dirty, LEAVE_TEXTS);

  /** Duplicate and similar files (create), or similar names (edit), checked on blur. */
  const check = async () => {
    // Typed read of the mounted fields: the check runs on blur of the identity fields, which are on the page.
    const v: Partial<ChildFormValues> = form.getFieldsValue();
    const name = v.name?.trim();
    const id = v.idNumber?.trim();
    const validId = id && validateIdNumber(id).ok ? normaliseIdNumber(id) : undefined;
    const birthDate = editing ? file.birthDate : validId ? undefined : v.birthDate ? v.birthDate.format(DATE) : undefined;
    if (editing && (!name || name === file.name)) return setDup(null);
    if (!validId && !(name && birthDate)) return setDup(null);
    try {
      const res = await childrenApi.check({ idNumber: validId, name: name || undefined, birthDate });
      const similar = res.similar.filter((s) => !editing || s.id !== file.id);
      setDup(res.duplicate || similar.length ? { duplicate: res.duplicate, similar } : null);
      if (res.duplicate) form.setFields([{ name: 'idNumber', errors: [res.duplicate.message] }]);
    } catch (err) {
      // A failed check must not stop the work: the server checks again when saving.
      if (!(err instanceof ApiError) || err.status >= 500 || err.status === 0) console.warn('duplicate check failed', err);
    }
  };

  const onIdChange = (value: string) => {
    const res = validateIdNumber(value ?? '');
    if (res.ok) form.setFieldsValue({ birthDate: dayjs(res.birthDate), sex: res.sex });
  };

  const finish = (path: string) => {
    release();
    // The file and the lists are read again where the user lands.
    void queryClient.invalidateQueries({ queryKey: childKeys.all });
    setDirty(false);
    void local.clear();
    void navigate(path);
  };

  const create = async (v: ChildFormValues) => {
    const fields = apiFields(v);
    const id = normaliseIdNumber(v.idNumber ?? '') || null;
    // 18 or older: confirm and say why the file is kept (the server refuses without it).
    const checked = id ? validateIdNumber(id) : null;
    const birth = checked?.ok ? checked.birthDate : v.birthDate?.format(DATE);
    const age = birth ? ageOn(birth, dayjs().format(DATE)) : 0;
    const adult = age >= ADULT_AGE ? await over18.confirm(age) : null;
    if (age >= ADULT_AGE && !adult) return;
    const body: ChildCreate = {
      ...fields,
      ...(adult ?? {}),
      mentalHealthNote: health ? fields.mentalHealthNote : null,
      hivInfected: health ? fields.hivInfected : null,
      idNumber: id,
      birthDate: id ? null : (v.birthDate?.format(DATE) ?? null),
      sex: id ? null : (v.sex ?? null),
      noIdNote: id ? null : v.noIdNote?.trim() || null,
      registeredOn: v.registeredOn?.format(DATE) ?? null,
      categories: (v.categories ?? []).map((c) => ({ category: c.category!, since: c.since!.format(DATE), sourceNote: c.sourceNote?.trim() || null })),
      members: (v.members ?? []).map(memberFromForm),
      benefits: [],
    };
    const created = await childrenApi.create(body);
    void message.success(t('children.form.created'));
    if (created.warnings.length) {
      notification.warning({
        title: t('children.form.warningsTitle'),
        description: (
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {created.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        ),
        duration: 0,
      });
    }
    finish(`/children/${encodeURIComponent(created.id)}`);
  };

  const update = async (v: ChildFormValues, base: ChildFile) => {
    const changes = changedFields(v, base, { health });
    if (Object.keys(changes).length === 0) {
      void message.info(t('children.form.noChanges'));
      finish(`/children/${encodeURIComponent(base.id)}`);
      return;
    }
    const body: ChildUpdate = { ...changes, version: base.version };
    await childrenApi.update(base.id, body);
    void message.success(t('common.saved'));
    finish(`/children/${encodeURIComponent(base.id)}`);
  };

  const submit = async (v: ChildFormValues) => {
    setSaving(true);
    try {
      if (file) await update(v, file);
      else await create(v);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'VERSION_CONFLICT') {
        setConflict(true);
        window.scrollTo({ top: 0, behavior: 'smooth' });
      } else showError(err, form);
    } finally {
      setSaving(false);
    }
  };

  /** Loads the latest version; the caller's own changes stay in the form on top of it. */
  const reloadLatest = async () => {
    if (!file) return;
    setReloading(true);
    try {
      const latest = await childrenApi.get(file.id);
      // getFieldsValue(true) includes fields of sections not on screen; antd types that overload as any.
      const merged = mergeLatest(form.getFieldsValue(true) as ChildFormValues, file, latest);
      setFile(latest);
      form.resetFields();
      form.setFieldsValue(merged);
      setConflict(false);
      void message.info(t('children.form.latestLoaded'));
    } catch (err) {
      showError(err);
    } finally {
      setReloading(false);
    }
  };

  const back = file ? `/children/${encodeURIComponent(file.id)}` : '/children';

  return (
    <>
      <PageHeader
        title={file ? t('children.form.editTitle', { name: file.name }) : t('children.form.createTitle')}
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(back)}>
            {t('common.cancel')}
          </Button>
        }
      />
      {conflict ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('children.form.conflict')}
          description={t('children.form.conflictHint')}
          action={
            <Button icon={<ReloadOutlined />} loading={reloading} onClick={reloadLatest}>
              {t('children.form.loadLatest')}
            </Button>
          }
        />
      ) : null}
      {over18.dialog}
      <Form<ChildFormValues>
        form={form}
        layout={mobile ? 'vertical' : 'horizontal'}
        labelCol={mobile ? undefined : { flex: '132px' }}
        labelWrap
        colon={!mobile}
        scrollToFirstError={{ behavior: 'smooth', block: 'center' }}
        onFinish={submit}
        onValuesChange={() => {
          setDirty(true);
          local.onValuesChange();
        }}
        initialValues={
          file
            ? fileToForm(file)
            : {
                ...found,
                hukou: 'local',
                riskLevel: 'low',
                registeredOn: dayjs(),
                categories: [],
                members: [],
                adopted: 'unknown',
                autism: 'unknown',
                caregiverCanRaise: 'unknown',
                hivInfected: 'unknown',
              }
        }
      >
        <IdentitySection file={file} dup={dup} withoutId={withoutId} idOk={!!idCheck?.ok} onCheck={() => void check()} onIdChange={onIdChange} />
        <ResidenceSection file={file} committeeOptions={committeeOptions} committeesLoading={committees.loading} />
        <RiskSection file={file} />
        <SchoolSection health={health} />
        <FactsSection health={health} />
        <EconomySection />
        {file ? null : <MembersSection form={form} />}

        <Card size="small" style={{ position: 'sticky', bottom: 0, zIndex: 5 }}>
          <Flex justify="flex-end" gap={8} wrap>
            {dirty ? (
              <Typography.Text type="warning" style={{ marginInlineEnd: 'auto', alignSelf: 'center' }}>
                {t('children.form.unsaved')}
              </Typography.Text>
            ) : null}
            <Space>
              <Button onClick={() => navigate(back)}>{t('common.cancel')}</Button>
              <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={saving} disabled={conflict}>
                {file ? t('common.save') : t('children.form.createSubmit')}
              </Button>
            </Space>
          </Flex>
        </Card>
      </Form>
    </>
  );
}
