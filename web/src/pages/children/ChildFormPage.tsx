import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import {
  Alert, App, Button, Card, Col, DatePicker, Flex, Form, Input, InputNumber, Radio, Result, Row, Select, Space, Typography, type SelectProps,
} from 'antd';
import { ArrowLeftOutlined, DeleteOutlined, PlusOutlined, ReloadOutlined, SaveOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link, useBlocker, useNavigate, useParams } from 'react-router';
import { ADULT_AGE, ageOn, normaliseIdNumber, validateIdNumber } from '@common/idNumber';
import { ApiError, api, seg } from '../../api/client';
import { useAuth, useMe } from '../../auth/useAuth';
import { ErrorResult } from '../../components/ErrorResult';
import { formatDate } from '../../components/format';
import { FullPageSpin } from '../../components/FullPageSpin';
import { PageHeader } from '../../components/PageHeader';
import { useApi } from '../../hooks/useApi';
import { useApiError } from '../../hooks/useApiError';
import { useStreets } from '../../hooks/useOrg';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useLocalName } from '../../hooks/useLocalName';
import { useT } from '../../i18n/useT';
import { apiFields, changedFields, fileToForm, mergeLatest, TRI_CHOICES, type ChildFormValues } from './childForm';
import { afterToday, DATE, useCodeLabel } from './labels';
import { idNumberRule, MemberFields, memberFromForm, phoneRule } from './MemberFields';
import {
  CATEGORY_LIST, DISABILITY_TYPE_LIST, RISK_LIST, SCHOOL_STAGE_LIST,
  type ChildCreate, type ChildFile, type CreatedChild, type DuplicateResult, type ChildUpdate,
} from './types';
import { useScopeCommittees } from './useScope';
import { useOver18Dialog } from './Over18Dialog';
import { useFormDraft } from '../../drafts/useFormDraft';

/** `/children/new` and `/children/:id/edit`: one form for both. */
export default function ChildFormPage() {
  const { id } = useParams();
  const t = useT();
  const navigate = useNavigate();
  const loaded = useApi(() => (id ? api.get<ChildFile>(`/api/children/${seg(id)}`) : Promise.resolve(null)), [id]);

  if (!id) return <ChildForm file={null} />;
  if (loaded.loading && !loaded.data) return <FullPageSpin />;
  if (loaded.error instanceof ApiError && (loaded.error.status === 404 || loaded.error.status === 400)) {
    return (
      <Result status="404" title={t('children.notFound')}
        extra={<Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/children')}>{t('children.backToList')}</Button>} />
    );
  }
  if (!loaded.data) return <ErrorResult error={loaded.error} onRetry={loaded.reload} />;
  if (loaded.data.status === 'closed' || !loaded.data.can.edit) {
    return (
      <Result status="info" title={t('children.closedReadOnly')}
        extra={<Button onClick={() => navigate(`/children/${encodeURIComponent(loaded.data!.id)}`)}>{t('children.backToFile')}</Button>} />
    );
  }
  return <ChildForm key={loaded.data.id} file={loaded.data} />;
}

function Section({ title, children, extra }: { title: string; children: ReactNode; extra?: ReactNode }) {
  return (
    <Card title={title} extra={extra} size="small" style={{ marginBottom: 16 }} styles={{ body: { paddingBottom: 0 } }}>
      {children}
    </Card>
  );
}

const col = { xs: 24, lg: 12 };

function ChildForm({ file: initialFile }: { file: ChildFile | null }) {
  const t = useT();
  const label = useCodeLabel();
  const localName = useLocalName();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const me = useMe();
  const { can } = useAuth();
  const { message, modal, notification } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<ChildFormValues>();
  const [file, setFile] = useState<ChildFile | null>(initialFile);
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const [conflict, setConflict] = useState(false);
  const [reloading, setReloading] = useState(false);
  const [dup, setDup] = useState<DuplicateResult | null>(null);
  const leaving = useRef(false);
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
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && !leaving.current && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    modal.confirm({
      title: t('children.form.leaveTitle'),
      content: t('children.form.leaveContent'),
      okText: t('children.form.leave'),
      okButtonProps: { danger: true },
      cancelText: t('children.form.stay'),
      onOk: () => blocker.proceed(),
      onCancel: () => blocker.reset(),
    });
  }, [blocker, modal, t]);
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty]);

  /** Duplicate and similar files (create), or similar names (edit), checked on blur. */
  const check = async () => {
    const v = form.getFieldsValue(['name', 'idNumber', 'birthDate']);
    const name = v.name?.trim();
    const id = v.idNumber?.trim();
    const validId = id && validateIdNumber(id).ok ? normaliseIdNumber(id) : undefined;
    const birthDate = editing ? file.birthDate : validId ? undefined : v.birthDate ? v.birthDate.format(DATE) : undefined;
    if (editing && (!name || name === file.name)) return setDup(null);
    if (!validId && !(name && birthDate)) return setDup(null);
    try {
      const res = await api.post<DuplicateResult>('/api/children/check', { idNumber: validId, name: name || undefined, birthDate });
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
    leaving.current = true;
    setDirty(false);
    void local.clear();
    navigate(path);
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
      birthDate: id ? null : v.birthDate?.format(DATE) ?? null,
      sex: id ? null : v.sex ?? null,
      noIdNote: id ? null : v.noIdNote?.trim() || null,
      registeredOn: v.registeredOn?.format(DATE) ?? null,
      categories: (v.categories ?? []).map((c) => ({ category: c.category!, since: c.since!.format(DATE), sourceNote: c.sourceNote?.trim() || null })),
      members: (v.members ?? []).map(memberFromForm),
      benefits: [],
    };
    const created = await api.post<CreatedChild>('/api/children', body);
    void message.success(t('children.form.created'));
    if (created.warnings.length) {
      notification.warning({
        title: t('children.form.warningsTitle'),
        description: (
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {created.warnings.map((w) => <li key={w}>{w}</li>)}
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
    await api.patch<ChildFile>(`/api/children/${seg(base.id)}`, body);
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
      const latest = await api.get<ChildFile>(`/api/children/${seg(file.id)}`);
      const merged = mergeLatest(form.getFieldsValue(true), file, latest);
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
  const required = (msg?: string) => ({ required: true, message: msg ?? t('common.required') });

  return (
    <>
      <PageHeader
        title={file ? t('children.form.editTitle', { name: file.name }) : t('children.form.createTitle')}
        extra={<Button icon={<ArrowLeftOutlined />} onClick={() => navigate(back)}>{t('common.cancel')}</Button>}
      />
      {conflict ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('children.form.conflict')}
          description={t('children.form.conflictHint')}
          action={<Button icon={<ReloadOutlined />} loading={reloading} onClick={reloadLatest}>{t('children.form.loadLatest')}</Button>}
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
        initialValues={file ? fileToForm(file) : {
          hukou: 'local', riskLevel: 'low', registeredOn: dayjs(), categories: [], members: [],
          adopted: 'unknown', autism: 'unknown', caregiverCanRaise: 'unknown', hivInfected: 'unknown',
        }}
      >
        <Section title={t('children.section.identity')}>
          <Row gutter={24}>
            <Col {...col}>
              <Form.Item name="name" label={t('children.name')} rules={[{ required: true, whitespace: true, message: t('children.form.nameRequired') }]}>
                <Input maxLength={40} onBlur={check} autoComplete="off" />
              </Form.Item>
            </Col>
            {file ? (
              <>
                <Col {...col}>
                  <Form.Item label={t('children.idNumber')} extra={t('children.form.identityLocked')}>
                    {file.idNumberMasked ? <span className="mono">{file.idNumberMasked}</span> : <Typography.Text type="secondary">{t('children.noIdWithNote', { note: file.noIdNote ?? '—' })}</Typography.Text>}
                  </Form.Item>
                </Col>
                <Col {...col}>
                  <Form.Item label={t('children.sex')}>{t(`children.sex.${file.sex}`)}</Form.Item>
                </Col>
                <Col {...col}>
                  <Form.Item label={t('children.birthDate')}>{t('children.birthWithAge', { date: formatDate(file.birthDate), age: file.age })}</Form.Item>
                </Col>
              </>
            ) : (
              <>
                <Col {...col}>
                  <Form.Item
                    name="idNumber"
                    label={t('children.idNumber')}
                    rules={[idNumberRule()]}
                    validateTrigger="onBlur"
                    extra={idCheck?.ok ? t('children.form.idFilled') : t('children.form.idHint')}
                  >
                    <Input className="mono" maxLength={24} autoComplete="off" onChange={(e) => onIdChange(e.target.value)} onBlur={check} />
                  </Form.Item>
                </Col>
                <Col {...col}>
                  <Form.Item name="sex" label={t('children.sex')} rules={withoutId ? [required(t('children.form.sexRequired'))] : []}>
                    <Radio.Group disabled={!!idCheck?.ok}>
                      <Radio value="M">{t('children.sex.M')}</Radio>
                      <Radio value="F">{t('children.sex.F')}</Radio>
                    </Radio.Group>
                  </Form.Item>
                </Col>
                <Col {...col}>
                  <Form.Item name="birthDate" label={t('children.birthDate')} rules={withoutId ? [required(t('children.form.birthRequired'))] : []}>
                    <DatePicker format={DATE} disabled={!!idCheck?.ok} disabledDate={afterToday} style={{ width: '100%' }} onBlur={check} />
                  </Form.Item>
                </Col>
                {withoutId ? (
                  <Col xs={24}>
                    <Form.Item
                      name="noIdNote"
                      label={t('children.noIdNote')}
                      rules={[{ required: true, whitespace: true, message: t('children.form.noIdNoteRequired') }]}
                      extra={t('children.form.noIdNoteHint')}
                    >
                      <Input maxLength={200} placeholder={t('children.form.noIdNotePlaceholder')} />
                    </Form.Item>
                  </Col>
                ) : null}
                <Col {...col}>
                  <Form.Item name="registeredOn" label={t('children.registeredOn')}>
                    <DatePicker format={DATE} disabledDate={afterToday} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              </>
            )}
            <Col {...col}>
              <Form.Item name="ethnicity" label={t('children.ethnicity')}>
                <Input maxLength={20} placeholder={t('children.form.ethnicityPlaceholder')} />
              </Form.Item>
            </Col>
          </Row>
          {dup ? (
            <div style={{ marginBottom: 16 }}>
              {dup.duplicate ? (
                <Alert
                  type="error"
                  showIcon
                  style={{ marginBottom: 8 }}
                  title={dup.duplicate.message}
                  action={dup.duplicate.id ? <Link to={`/children/${encodeURIComponent(dup.duplicate.id)}`}>{t('children.form.openFile')}</Link> : undefined}
                />
              ) : null}
              {dup.similar.length ? (
                <Alert
                  type="warning"
                  showIcon
                  title={t('children.form.similarTitle')}
                  description={
                    <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                      {dup.similar.map((s, i) => (
                        <li key={s.id ?? i}>
                          {s.name} · {s.streetName}{s.committeeName ? ` ${s.committeeName}` : ''}
                          {s.id ? <> · <Link to={`/children/${encodeURIComponent(s.id)}`} target="_blank">{t('children.form.openFile')}</Link></> : null}
                        </li>
                      ))}
                    </ul>
                  }
                />
              ) : null}
            </div>
          ) : null}
        </Section>

        <Section title={t('children.section.residence')}>
          <Row gutter={24}>
            <Col {...col}>
              <Form.Item name="committeeId" label={t('children.committee')} rules={[required(t('children.form.committeeRequired'))]}
                extra={file ? t('children.form.committeeHint') : undefined}>
                <Select showSearch={{ optionFilterProp: 'label' }} loading={committees.loading} options={committeeOptions} placeholder={t('children.form.committeePlaceholder')} />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item name="hukou" label={t('children.hukou')} rules={[required()]}>
                <Radio.Group>
                  <Radio value="local">{t('children.hukou.local')}</Radio>
                  <Radio value="other">{t('children.hukou.other')}</Radio>
                </Radio.Group>
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item name="residenceAddress" label={t('children.residenceAddress')} extra={file?.residenceAddressMasked ? t('children.form.keepMasked', { masked: file.residenceAddressMasked }) : undefined}>
                <Input maxLength={120} autoComplete="off" />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item name="hukouAddress" label={t('children.hukouAddress')} extra={file?.hukouAddressMasked ? t('children.form.keepMasked', { masked: file.hukouAddressMasked }) : undefined}>
                <Input maxLength={120} autoComplete="off" />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item name="phone" label={t('children.phone')} rules={[phoneRule(t('children.phoneInvalid'))]} validateTrigger="onBlur"
                extra={file?.phoneMasked ? t('children.form.keepMasked', { masked: file.phoneMasked }) : t('children.form.phoneHint')}>
                <Input className="mono" maxLength={20} autoComplete="off" inputMode="tel" />
              </Form.Item>
            </Col>
          </Row>
        </Section>

        <Section title={file ? t('children.section.risk') : t('children.section.riskAndCategories')}>
          <Row gutter={24}>
            <Col {...col}>
              <Form.Item name="riskLevel" label={t('children.riskLevel')} rules={[required()]}>
                <Radio.Group optionType="button" buttonStyle="solid" options={RISK_LIST.map((r) => ({ value: r, label: t(`children.risk.${r}`) }))} />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item name="riskAssessedOn" label={t('children.riskAssessedOn')}>
                <DatePicker format={DATE} disabledDate={afterToday} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name="riskReason" label={t('children.riskReason')}>
                <Input.TextArea rows={2} maxLength={200} showCount />
              </Form.Item>
            </Col>
          </Row>
          {file ? null : (
            <Form.List name="categories">
              {(fields, { add, remove }) => (
                <Form.Item label={t('children.categories')} extra={fields.length ? undefined : t('children.form.categoriesHint')}>
                  <Flex vertical gap={8}>
                    {fields.map((field) => (
                      <Flex key={field.key} gap={8} wrap align="flex-start">
                        <Form.Item name={[field.name, 'category']} rules={[required(t('children.categoryUi.required'))]} noStyle={false} style={{ marginBottom: 0, flex: '1 1 200px' }}>
                          <Select placeholder={t('children.category')} options={CATEGORY_LIST.map((c) => ({ value: c, label: label('category', c) }))} />
                        </Form.Item>
                        <Form.Item name={[field.name, 'since']} rules={[required(t('children.form.sinceRequired'))]} style={{ marginBottom: 0, flex: '0 1 150px' }}>
                          <DatePicker format={DATE} placeholder={t('children.since')} disabledDate={afterToday} style={{ width: '100%' }} />
                        </Form.Item>
                        <Form.Item name={[field.name, 'sourceNote']} style={{ marginBottom: 0, flex: '1 1 180px' }}>
                          <Input maxLength={200} placeholder={t('children.sourceNote')} />
                        </Form.Item>
                        <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('common.delete')} />
                      </Flex>
                    ))}
                    <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ since: dayjs() })} style={{ alignSelf: 'flex-start' }}>
                      {t('children.categoryUi.add')}
                    </Button>
                  </Flex>
                </Form.Item>
              )}
            </Form.List>
          )}
        </Section>

        <Section title={t('children.section.school')}>
          <Row gutter={24}>
            <Col {...col}>
              <Form.Item name="schoolStage" label={t('children.schoolStage')}>
                <Select allowClear options={SCHOOL_STAGE_LIST.map((s) => ({ value: s, label: s }))} />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item name="schoolName" label={t('children.schoolName')}>
                <Input maxLength={60} />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item name="schoolGrade" label={t('children.schoolGrade')}>
                <Input maxLength={20} placeholder={t('children.form.gradePlaceholder')} />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item name="seriousIllness" label={t('children.seriousIllness')}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item name="disabilityType" label={t('children.disabilityType')}>
                <Select allowClear options={DISABILITY_TYPE_LIST.map((d) => ({ value: d, label: d }))} />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item name="disabilityGrade" label={t('children.disabilityGrade')}>
                <Select allowClear options={[1, 2, 3, 4].map((g) => ({ value: g, label: t('children.gradeValue', { grade: g }) }))} />
              </Form.Item>
            </Col>
            {health ? (
              <Col xs={24}>
                <Form.Item name="mentalHealthNote" label={t('children.mentalHealthNote')} extra={t('children.form.mentalHealthHint')}>
                  <Input.TextArea rows={3} maxLength={1000} showCount />
                </Form.Item>
              </Col>
            ) : null}
          </Row>
        </Section>

        <Section title={t('children.section.eligibilityFacts')}>
          <Typography.Paragraph type="secondary">{t('children.form.factsHint')}</Typography.Paragraph>
          <Row gutter={24}>
            {(['adopted', 'autism', 'caregiverCanRaise'] as const).map((k) => (
              <Col {...col} key={k}>
                <Form.Item name={k} label={t(`children.${k}`)} extra={k === 'caregiverCanRaise' ? t('children.form.caregiverCanRaiseHint') : undefined}>
                  <Radio.Group optionType="button" options={TRI_CHOICES.map((v) => ({ value: v, label: t(`children.fact.${v}`) }))} />
                </Form.Item>
              </Col>
            ))}
            {health ? (
              <Col {...col}>
                <Form.Item name="hivInfected" label={t('children.hivInfected')} extra={t('children.form.hivHint')}>
                  <Radio.Group optionType="button" options={TRI_CHOICES.map((v) => ({ value: v, label: t(`children.fact.${v}`) }))} />
                </Form.Item>
              </Col>
            ) : null}
          </Row>
        </Section>

        <Section title={t('children.section.economy')}>
          <Row gutter={24}>
            <Col {...col}>
              <Form.Item name="householdSize" label={t('children.householdSize')}>
                <InputNumber min={1} max={30} precision={0} style={{ width: '100%' }} suffix={t('children.personsUnit')} />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item name="monthlyIncome" label={t('children.monthlyIncome')} extra={t('children.form.moneyHint')}>
                <InputNumber min={0} max={100_000_000} precision={2} prefix="¥" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item name="assets" label={t('children.assets')}>
                <InputNumber min={0} max={1_000_000_000} precision={2} prefix="¥" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item name="assetsAssessedOn" label={t('children.assetsAssessedOn')}>
                <DatePicker format={DATE} disabledDate={afterToday} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
        </Section>

        {file ? null : (
          <Form.List name="members">
            {(fields, { add, remove }) => (
              <Section
                title={t('children.section.members')}
                extra={<Button size="small" icon={<PlusOutlined />} onClick={() => add({ role: 'guardian', status: 'alive_fit' })}>{t('children.member.add')}</Button>}
              >
                {fields.length === 0 ? <Typography.Paragraph type="secondary">{t('children.form.membersHint')}</Typography.Paragraph> : null}
                {fields.map((field, i) => (
                  <Card
                    key={field.key}
                    size="small"
                    type="inner"
                    title={t('children.form.memberN', { n: i + 1 })}
                    extra={<Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)}>{t('common.delete')}</Button>}
                    style={{ marginBottom: 16 }}
                  >
                    <MemberFields form={form} prefix={[field.name]} path={['members', field.name]} />
                  </Card>
                ))}
              </Section>
            )}
          </Form.List>
        )}

        <Card size="small" style={{ position: 'sticky', bottom: 0, zIndex: 5 }}>
          <Flex justify="flex-end" gap={8} wrap>
            {dirty ? <Typography.Text type="warning" style={{ marginInlineEnd: 'auto', alignSelf: 'center' }}>{t('children.form.unsaved')}</Typography.Text> : null}
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
