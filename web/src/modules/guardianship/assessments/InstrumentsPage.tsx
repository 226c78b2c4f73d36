import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Drawer, Flex, Form, Input, InputNumber, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { CopyOutlined, DeleteOutlined, EyeOutlined, PlusOutlined } from '@ant-design/icons';
import { ErrorResult } from '../../../components/ErrorResult';
import { ListScaffold } from '../../../components/ListScaffold';
import { PageHeader } from '../../../components/PageHeader';
import { formatDateTime } from '../../../components/format';
import { useApiError } from '../../../hooks/useApiError';
import { useIsMobile } from '../../../hooks/useIsMobile';
import { useT } from '../../../i18n/useT';
import { GRADE_EFFECTS, assessmentKeys, assessmentsApi, validateInstrument, type InstrumentCreate, type InstrumentDetail, type InstrumentSummary } from './api';
import { PlaceholderTag } from './labels';

type Row = InstrumentSummary & { key: string };

/** 评估量表 (guardianship.manage): the versions, one version's content, a new version copied from one, activation. */
export default function InstrumentsPage() {
  const t = useT();
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const showError = useApiError();
  const [viewing, setViewing] = useState<InstrumentSummary | null>(null);
  const [copying, setCopying] = useState<InstrumentSummary | null>(null);
  const list = useQuery({ queryKey: assessmentKeys.instruments, queryFn: assessmentsApi.instruments });
  const refresh = () => void qc.invalidateQueries({ queryKey: assessmentKeys.all });
  const activate = (i: InstrumentSummary) =>
    modal.confirm({
      title: t('guardianship.instruments.activate'),
      content: t('guardianship.instruments.activate.confirm'),
      okText: t('guardianship.instruments.activate'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await assessmentsApi.activate(i.code, i.version);
          void message.success(t('guardianship.instruments.activated'));
          refresh();
        } catch (err) {
          showError(err);
        }
      },
    });
  const actions = (i: InstrumentSummary) => (
    <Space wrap size={4}>
      <Button size="small" icon={<EyeOutlined />} onClick={() => setViewing(i)}>
        {t('guardianship.instruments.view')}
      </Button>
      <Button size="small" icon={<CopyOutlined />} onClick={() => setCopying(i)} data-testid={`instrument-copy-${i.version}`}>
        {t('guardianship.instruments.newVersion')}
      </Button>
      {!i.active ? (
        <Button size="small" type="primary" onClick={() => activate(i)}>
          {t('guardianship.instruments.activate')}
        </Button>
      ) : null}
    </Space>
  );
  const tags = (i: InstrumentSummary) => (
    <Flex gap={4} wrap>
      <Tag color={i.active ? 'green' : 'default'}>{t(i.active ? 'guardianship.instruments.active' : 'guardianship.instruments.inactive')}</Tag>
      {i.placeholder ? <PlaceholderTag /> : null}
    </Flex>
  );
  const columns: TableColumnsType<Row> = [
    { title: t('guardianship.instruments.editor.name'), dataIndex: 'name', render: (_, i) => `${i.name}（${i.code}）` },
    {
      title: t('guardianship.assess.detail.instrumentVersion'),
      dataIndex: 'version',
      width: 90,
      render: (v: number) => t('guardianship.instruments.version', { version: v }),
    },
    { title: t('guardianship.assess.col.status'), dataIndex: 'active', width: 280, render: (_, i) => tags(i) },
    { title: '', dataIndex: 'used', width: 140, render: (n: number) => t('guardianship.instruments.used', { n }) },
    { title: '', dataIndex: 'createdAt', width: 150, render: (v: string, i) => `${formatDateTime(v)} ${i.createdByName ?? ''}` },
    { title: '', key: 'actions', width: 280, render: (_, i) => actions(i) },
  ];
  return (
    <Flex vertical gap={12}>
      <PageHeader title={t('guardianship.instruments.nav')} />
      <Alert type="info" showIcon message={t('guardianship.instruments.intro')} />
      {list.error && !list.data ? (
        <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <ListScaffold<Row>
          rowKey="key"
          loading={list.isFetching}
          columns={columns}
          items={list.data?.items.map((i) => ({ ...i, key: `${i.code}@${i.version}` }))}
          renderMobile={(i) => (
            <Flex vertical gap={4}>
              <Typography.Text strong>
                {i.name} · {t('guardianship.instruments.version', { version: i.version })}
              </Typography.Text>
              {tags(i)}
              <Typography.Text type="secondary">{t('guardianship.instruments.used', { n: i.used })}</Typography.Text>
              {actions(i)}
            </Flex>
          )}
          tableProps={{ scroll: { x: 1000 } }}
        />
      )}
      {viewing ? <InstrumentView summary={viewing} onClose={() => setViewing(null)} /> : null}
      {copying ? (
        <InstrumentEditor
          from={copying}
          onClose={() => setCopying(null)}
          onSaved={() => {
            setCopying(null);
            refresh();
          }}
        />
      ) : null}
    </Flex>
  );
}

function InstrumentView({ summary, onClose }: { summary: InstrumentSummary; onClose: () => void }) {
  const t = useT();
  const mobile = useIsMobile();
  const q = useQuery({
    queryKey: assessmentKeys.instrument(summary.code, summary.version),
    queryFn: () => assessmentsApi.instrument(summary.code, summary.version),
  });
  const ins = q.data;
  return (
    <Drawer
      open
      onClose={onClose}
      width={mobile ? '100%' : 760}
      title={`${summary.name} · ${t('guardianship.instruments.version', { version: summary.version })}`}
    >
      {q.error && !ins ? <ErrorResult error={q.error} onRetry={() => void q.refetch()} /> : null}
      {ins ? (
        <Flex vertical gap={12}>
          {ins.placeholder ? <PlaceholderTag /> : null}
          {ins.note ? <Typography.Paragraph type="secondary">{ins.note}</Typography.Paragraph> : null}
          {ins.definition.dimensions.map((d) => (
            <Card key={d.code} size="small" title={`${d.name}（${t('guardianship.instruments.editor.weight')} ${d.weight}）`}>
              {d.items.map((it, i) => (
                <div key={it.code} style={{ marginBottom: 8 }}>
                  <Typography.Text strong>
                    {i + 1}. {it.text}
                  </Typography.Text>
                  <div>
                    {it.options.map((o, oi) => (
                      <Tag key={oi}>
                        {o.label}（{o.score}）
                      </Tag>
                    ))}
                  </div>
                </div>
              ))}
            </Card>
          ))}
          <Table
            size="small"
            rowKey="code"
            pagination={false}
            dataSource={ins.grades}
            columns={[
              { title: t('guardianship.instruments.editor.gradeName'), dataIndex: 'name' },
              { title: t('guardianship.instruments.editor.min'), dataIndex: 'min', width: 90 },
              {
                title: t('guardianship.instruments.editor.effect'),
                dataIndex: 'effect',
                render: (e: (typeof GRADE_EFFECTS)[number]) => t(`guardianship.assess.effect.${e}`),
              },
            ]}
          />
        </Flex>
      ) : null}
    </Drawer>
  );
}

type EditorValues = Omit<InstrumentCreate, 'activate' | 'nameEn'> & { activate: boolean };

/** A new version, copied from one and edited: dimensions (weights) → items → options (scores), grades. */
function InstrumentEditor({ from, onClose, onSaved }: { from: InstrumentSummary; onClose: () => void; onSaved: (i: InstrumentDetail) => void }) {
  const t = useT();
  const mobile = useIsMobile();
  const { message } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<EditorValues>();
  const [problems, setProblems] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const q = useQuery({ queryKey: assessmentKeys.instrument(from.code, from.version), queryFn: () => assessmentsApi.instrument(from.code, from.version) });
  const ins = q.data;
  const submit = async (v: EditorValues) => {
    const found = validateInstrument({ definition: v.definition, grades: v.grades }).map((p) => p.message);
    setProblems(found);
    if (found.length) return;
    setSaving(true);
    try {
      const saved = await assessmentsApi.createInstrument({ ...v, note: v.note || null });
      void message.success(t('guardianship.instruments.editor.saved', { version: saved.version }));
      onSaved(saved);
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  };
  const remove = (onClick: () => void) => (
    <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={onClick} aria-label={t('guardianship.instruments.editor.remove')} />
  );
  return (
    <Drawer
      open
      onClose={onClose}
      width={mobile ? '100%' : 900}
      title={t('guardianship.instruments.editor.title')}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="instrument-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {q.error && !ins ? <ErrorResult error={q.error} onRetry={() => void q.refetch()} /> : null}
      {ins ? (
        <Form<EditorValues>
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ code: ins.code, name: ins.name, note: '', definition: ins.definition, grades: ins.grades, activate: false }}
        >
          {problems.length ? (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 12 }}
              message={t('guardianship.instruments.editor.problems')}
              description={problems.join('；')}
            />
          ) : null}
          <Flex gap={12} wrap>
            <Form.Item
              name="code"
              label={t('guardianship.instruments.editor.code')}
              rules={[{ required: true, message: '请填写量表编码' }]}
              style={{ minWidth: 160 }}
            >
              <Input maxLength={40} />
            </Form.Item>
            <Form.Item
              name="name"
              label={t('guardianship.instruments.editor.name')}
              rules={[{ required: true, whitespace: true, message: '请填写量表名称' }]}
              style={{ flex: 1, minWidth: 220 }}
            >
              <Input maxLength={60} />
            </Form.Item>
          </Flex>
          <Form.Item name="note" label={t('guardianship.instruments.editor.note')}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
          <Form.List name={['definition', 'dimensions']}>
            {(dims, dimOps) => (
              <Flex vertical gap={12}>
                {dims.map((dim) => (
                  <Card
                    key={dim.key}
                    size="small"
                    title={
                      <Flex gap={8} wrap align="center">
                        <Form.Item name={[dim.name, 'code']} noStyle rules={[{ required: true, message: '请填写维度编码' }]}>
                          <Input style={{ width: 110 }} placeholder={t('guardianship.instruments.editor.code')} />
                        </Form.Item>
                        <Form.Item name={[dim.name, 'name']} noStyle rules={[{ required: true, message: '请填写维度名称' }]}>
                          <Input style={{ width: 220 }} placeholder={t('guardianship.instruments.editor.dimensionName')} />
                        </Form.Item>
                        <Form.Item name={[dim.name, 'weight']} noStyle rules={[{ required: true, message: '请填写权重' }]}>
                          <InputNumber min={0.01} max={100} addonBefore={t('guardianship.instruments.editor.weight')} style={{ width: 150 }} />
                        </Form.Item>
                      </Flex>
                    }
                    extra={remove(() => dimOps.remove(dim.name))}
                  >
                    <Form.List name={[dim.name, 'items']}>
                      {(items, itemOps) => (
                        <Flex vertical gap={8}>
                          {items.map((item) => (
                            <Card key={item.key} size="small" type="inner">
                              <Flex gap={8} wrap align="center">
                                <Form.Item name={[item.name, 'code']} noStyle rules={[{ required: true, message: '请填写题目编码' }]}>
                                  <Input style={{ width: 150 }} placeholder={t('guardianship.instruments.editor.code')} />
                                </Form.Item>
                                <Form.Item name={[item.name, 'text']} noStyle rules={[{ required: true, message: '请填写题目内容' }]}>
                                  <Input style={{ flex: 1, minWidth: 200 }} placeholder={t('guardianship.instruments.editor.item')} />
                                </Form.Item>
                                {remove(() => itemOps.remove(item.name))}
                              </Flex>
                              <Form.List name={[item.name, 'options']}>
                                {(opts, optOps) => (
                                  <Flex vertical gap={4} style={{ marginTop: 8, paddingLeft: 16 }}>
                                    {opts.map((opt) => (
                                      <Flex key={opt.key} gap={8} align="center">
                                        <Form.Item name={[opt.name, 'label']} noStyle rules={[{ required: true, message: '请填写选项' }]}>
                                          <Input style={{ flex: 1 }} placeholder={t('guardianship.instruments.editor.option')} />
                                        </Form.Item>
                                        <Form.Item name={[opt.name, 'score']} noStyle rules={[{ required: true, message: '请填写分值' }]}>
                                          <InputNumber min={0} max={1000} style={{ width: 90 }} placeholder={t('guardianship.instruments.editor.score')} />
                                        </Form.Item>
                                        {remove(() => optOps.remove(opt.name))}
                                      </Flex>
                                    ))}
                                    <Button
                                      size="small"
                                      type="dashed"
                                      icon={<PlusOutlined />}
                                      onClick={() => optOps.add({ label: '', score: 0 })}
                                      style={{ alignSelf: 'flex-start' }}
                                    >
                                      {t('guardianship.instruments.editor.addOption')}
                                    </Button>
                                  </Flex>
                                )}
                              </Form.List>
                            </Card>
                          ))}
                          <Button
                            type="dashed"
                            icon={<PlusOutlined />}
                            onClick={() =>
                              itemOps.add({
                                code: '',
                                text: '',
                                options: [
                                  { label: '', score: 2 },
                                  { label: '', score: 0 },
                                ],
                              })
                            }
                          >
                            {t('guardianship.instruments.editor.addItem')}
                          </Button>
                        </Flex>
                      )}
                    </Form.List>
                  </Card>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => dimOps.add({ code: '', name: '', weight: 10, items: [] })}>
                  {t('guardianship.instruments.editor.addDimension')}
                </Button>
              </Flex>
            )}
          </Form.List>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('guardianship.instruments.editor.grades')}
          </Typography.Title>
          <Form.List name="grades">
            {(grades, gradeOps) => (
              <Flex vertical gap={8}>
                {grades.map((g) => (
                  <Flex key={g.key} gap={8} wrap align="center">
                    <Form.Item name={[g.name, 'code']} noStyle rules={[{ required: true, message: '请填写等级编码' }]}>
                      <Input style={{ width: 120 }} placeholder={t('guardianship.instruments.editor.code')} />
                    </Form.Item>
                    <Form.Item name={[g.name, 'name']} noStyle rules={[{ required: true, message: '请填写等级名称' }]}>
                      <Input style={{ width: 140 }} placeholder={t('guardianship.instruments.editor.gradeName')} />
                    </Form.Item>
                    <Form.Item name={[g.name, 'min']} noStyle rules={[{ required: true, message: '请填写下限' }]}>
                      <InputNumber min={0} max={100} addonBefore="≥" style={{ width: 120 }} />
                    </Form.Item>
                    <Form.Item name={[g.name, 'effect']} noStyle rules={[{ required: true, message: '请选择后果' }]}>
                      <Select style={{ width: 150 }} options={GRADE_EFFECTS.map((e) => ({ value: e, label: t(`guardianship.assess.effect.${e}`) }))} />
                    </Form.Item>
                    {remove(() => gradeOps.remove(g.name))}
                  </Flex>
                ))}
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => gradeOps.add({ code: '', name: '', min: 0, effect: 'normal' })}
                  style={{ alignSelf: 'flex-start' }}
                >
                  {t('guardianship.instruments.editor.addGrade')}
                </Button>
              </Flex>
            )}
          </Form.List>
          <Form.Item name="activate" valuePropName="checked" style={{ marginTop: 16 }}>
            <Checkbox>{t('guardianship.instruments.editor.activate')}</Checkbox>
          </Form.Item>
        </Form>
      ) : null}
    </Drawer>
  );
}
