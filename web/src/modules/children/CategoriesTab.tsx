import { useState } from 'react';
import {
  Alert,
  App,
  AutoComplete,
  Button,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { DeleteOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { formatDate } from '../../components/format';
import { TAG_COLOR } from '../../components/tagColors';
import { useApiError } from '../../hooks/useApiError';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useT } from '../../i18n/useT';
import { childrenApi } from './api';
import { afterToday, DATE, formatFen, useCodeLabel, yuanToFen } from './labels';
import { CATEGORY_LIST, type Benefit, type BenefitInput, type Category, type CategoryEntry, type CategoryInput, type ChildFile } from './types';

type Dialog = { kind: 'addCategory' } | { kind: 'endCategory'; entry: CategoryEntry } | { kind: 'addBenefit' } | null;

const formLayout = (mobile: boolean) => (mobile ? { layout: 'vertical' as const } : { layout: 'horizontal' as const, labelCol: { flex: '110px' } });

/** 类别与保障: the dated categories of the file and the benefits the child already receives. */
export function CategoriesTab({ file, onChanged }: { file: ChildFile; onChanged: () => void }) {
  const t = useT();
  const label = useCodeLabel();
  const { message, modal } = App.useApp();
  const showError = useApiError();
  const [dialog, setDialog] = useState<Dialog>(null);
  const writable = file.can.edit && file.status === 'active';
  const isCurrent = (c: CategoryEntry) => !c.until;

  const removeBenefit = (b: Benefit) =>
    modal.confirm({
      title: t('children.benefit.deleteConfirm', { name: b.benefit }),
      content: t('children.benefit.deleteHint'),
      okText: t('common.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await childrenApi.removeBenefit(file.id, b.id);
          void message.success(t('children.benefit.deleted'));
          onChanged();
        } catch (err) {
          showError(err);
        }
      },
    });

  const categoryColumns: TableColumnsType<CategoryEntry> = [
    { title: t('children.category'), dataIndex: 'category', width: 200, render: (c: Category) => label('category', c) },
    { title: t('children.since'), dataIndex: 'since', width: 110, render: formatDate },
    { title: t('children.until'), dataIndex: 'until', width: 110, render: formatDate },
    {
      title: t('children.status'),
      key: 'state',
      width: 90,
      render: (_, c) => (isCurrent(c) ? <Tag color={TAG_COLOR.ok}>{t('children.categoryUi.current')}</Tag> : <Tag>{t('children.categoryUi.ended')}</Tag>),
    },
    { title: t('children.sourceNote'), dataIndex: 'sourceNote', render: (v: string | null) => v ?? '—' },
    ...(writable
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 100,
            render: (_: unknown, c: CategoryEntry) =>
              c.until ? null : (
                <Button size="small" type="link" icon={<StopOutlined />} onClick={() => setDialog({ kind: 'endCategory', entry: c })}>
                  {t('children.categoryUi.end')}
                </Button>
              ),
          },
        ]
      : []),
  ];

  const benefitColumns: TableColumnsType<Benefit> = [
    { title: t('children.benefit.name'), dataIndex: 'benefit', width: 180 },
    { title: t('children.since'), dataIndex: 'since', width: 110, render: formatDate },
    { title: t('children.until'), dataIndex: 'until', width: 110, render: formatDate },
    {
      title: t('children.benefit.monthly'),
      dataIndex: 'monthlyAmountFen',
      width: 130,
      align: 'right',
      render: (v: number | null) => <span className="mono">{formatFen(v)}</span>,
    },
    { title: t('children.note'), dataIndex: 'note', render: (v: string | null) => v ?? '—' },
    ...(writable
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 90,
            render: (_: unknown, b: Benefit) => (
              <Button size="small" type="link" danger icon={<DeleteOutlined />} onClick={() => removeBenefit(b)}>
                {t('common.delete')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      {file.status === 'closed' ? <Alert type="info" showIcon title={t('children.closedReadOnly')} style={{ marginBottom: 12 }} /> : null}
      <Flex justify="space-between" align="center" gap={8} wrap style={{ marginBottom: 8 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('children.section.categories')}
        </Typography.Title>
        {writable ? (
          <Button icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'addCategory' })}>
            {t('children.categoryUi.add')}
          </Button>
        ) : null}
      </Flex>
      <Table<CategoryEntry>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={file.categories}
        columns={categoryColumns}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('children.noCategory') }}
        style={{ marginBottom: 24 }}
      />
      <Flex justify="space-between" align="center" gap={8} wrap style={{ marginBottom: 8 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('children.section.benefits')}
        </Typography.Title>
        {writable ? (
          <Button icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'addBenefit' })}>
            {t('children.benefit.add')}
          </Button>
        ) : null}
      </Flex>
      <Table<Benefit>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={file.benefits}
        columns={benefitColumns}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('children.benefit.empty') }}
      />
      {dialog?.kind === 'addCategory' ? (
        <AddCategoryModal
          file={file}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            onChanged();
          }}
        />
      ) : null}
      {dialog?.kind === 'endCategory' ? (
        <EndCategoryModal
          file={file}
          entry={dialog.entry}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            onChanged();
          }}
        />
      ) : null}
      {dialog?.kind === 'addBenefit' ? (
        <AddBenefitModal
          file={file}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            onChanged();
          }}
        />
      ) : null}
    </>
  );
}

interface ModalProps {
  file: ChildFile;
  onClose: () => void;
  onSaved: () => void;
}

function useSubmit<V>(send: (v: V) => Promise<unknown>, done: string, onSaved: () => void) {
  const { message } = App.useApp();
  const showError = useApiError();
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<V>();
  const submit = async (v: V) => {
    setSaving(true);
    try {
      await send(v);
      void message.success(done);
      onSaved();
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  };
  return { form, saving, submit };
}

function AddCategoryModal({ file, onClose, onSaved }: ModalProps) {
  const t = useT();
  const label = useCodeLabel();
  const mobile = useIsMobile();
  const current = new Set(file.categories.filter((c) => !c.until).map((c) => c.category));
  const { form, saving, submit } = useSubmit<{ category: Category; since: Dayjs; sourceNote?: string }>(
    (v) => {
      const body: CategoryInput = { category: v.category, since: v.since.format(DATE), sourceNote: v.sourceNote?.trim() || null };
      return childrenApi.addCategory(file.id, body);
    },
    t('children.categoryUi.added'),
    onSaved,
  );
  return (
    <Modal
      open
      title={t('children.categoryUi.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form form={form} {...formLayout(mobile)} onFinish={submit} initialValues={{ since: dayjs() }}>
        <Form.Item name="category" label={t('children.category')} rules={[{ required: true, message: t('children.categoryUi.required') }]}>
          <Select options={CATEGORY_LIST.map((c) => ({ value: c, label: label('category', c), disabled: current.has(c) }))} />
        </Form.Item>
        <Form.Item name="since" label={t('children.since')} rules={[{ required: true, message: t('common.required') }]}>
          <DatePicker format={DATE} disabledDate={afterToday} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="sourceNote" label={t('children.sourceNote')} extra={t('children.sourceNoteHint')}>
          <Input.TextArea rows={2} maxLength={200} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function EndCategoryModal({ file, entry, onClose, onSaved }: ModalProps & { entry: CategoryEntry }) {
  const t = useT();
  const label = useCodeLabel();
  const mobile = useIsMobile();
  const { form, saving, submit } = useSubmit<{ until: Dayjs }>(
    (v) => childrenApi.endCategory(file.id, entry.id, v.until.format(DATE)),
    t('children.categoryUi.endDone'),
    onSaved,
  );
  return (
    <Modal
      open
      title={t('children.categoryUi.endTitle', { name: label('category', entry.category) })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('children.categoryUi.end')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('children.categoryUi.endHint', { since: formatDate(entry.since) })}</Typography.Paragraph>
      <Form form={form} {...formLayout(mobile)} onFinish={submit} initialValues={{ until: dayjs() }}>
        <Form.Item name="until" label={t('children.until')} rules={[{ required: true, message: t('common.required') }]}>
          <DatePicker format={DATE} disabledDate={(d) => afterToday(d) || d.isBefore(dayjs(entry.since), 'day')} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function AddBenefitModal({ file, onClose, onSaved }: ModalProps) {
  const t = useT();
  const mobile = useIsMobile();
  const { form, saving, submit } = useSubmit<{ benefit: string; since: Dayjs; until?: Dayjs; monthly?: number; note?: string }>(
    (v) => {
      const body: BenefitInput = {
        benefit: v.benefit.trim(),
        since: v.since.format(DATE),
        until: v.until ? v.until.format(DATE) : null,
        monthlyAmountFen: yuanToFen(v.monthly),
        note: v.note?.trim() || null,
      };
      return childrenApi.addBenefit(file.id, body);
    },
    t('children.benefit.added'),
    onSaved,
  );
  const since = Form.useWatch('since', form);
  return (
    <Modal
      open
      title={t('children.benefit.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form form={form} {...formLayout(mobile)} onFinish={submit} initialValues={{ since: dayjs() }}>
        <Form.Item
          name="benefit"
          label={t('children.benefit.name')}
          rules={[{ required: true, whitespace: true, message: t('children.benefit.nameRequired') }]}
        >
          <AutoComplete
            options={t('children.benefit.suggestions')
              .split('、')
              .map((s) => ({ value: s }))}
            filterOption={(input, option) => String(option?.value ?? '').includes(input)}
          >
            <Input maxLength={60} />
          </AutoComplete>
        </Form.Item>
        <Form.Item name="since" label={t('children.since')} rules={[{ required: true, message: t('common.required') }]}>
          <DatePicker format={DATE} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="until" label={t('children.until')}>
          <DatePicker format={DATE} disabledDate={(d) => !!since && d.isBefore(since, 'day')} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="monthly" label={t('children.benefit.monthly')}>
          <InputNumber min={0} max={1_000_000} precision={2} prefix="¥" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="note" label={t('children.note')}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
