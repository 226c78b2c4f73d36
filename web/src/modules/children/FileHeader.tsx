import { useState, type ReactNode } from 'react';
import { Button, Card, Descriptions, Dropdown, Flex, Tag, Typography } from 'antd';
import { EditOutlined, EllipsisOutlined, PrinterOutlined, StopOutlined, SwapOutlined, UndoOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { formatDate } from '../../components/format';
import { useIsMobile } from '../../hooks/useIsMobile';
import { useT } from '../../i18n/useT';
import { CategoryTags, FileStatusTag, NextVisit, RiskTag, useCodeLabel } from './labels';
import { CloseModal, ReopenModal, TransferModal } from './LifecycleModals';
import type { ChildFile } from './types';
import { UnmaskButton } from './UnmaskButton';

type Dialog = 'close' | 'reopen' | 'transfer' | null;

/** The file's key facts (readable on a phone) and what the caller may do with it. */
export function FileHeader({ file, onChanged, actions }: { file: ChildFile; onChanged: () => void; actions?: ReactNode }) {
  const t = useT();
  const label = useCodeLabel();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const [dialog, setDialog] = useState<Dialog>(null);
  const active = file.status === 'active';
  // As the server counts them: a category is current until it is ended.
  const currentCategories = file.categories.filter((c) => !c.until).map((c) => c.category);
  const path = `/children/${encodeURIComponent(file.id)}`;

  const buttons = [
    file.can.edit && active ? { key: 'edit', icon: <EditOutlined />, label: t('common.edit'), primary: true, onClick: () => navigate(`${path}/edit`) } : null,
    file.can.edit && active ? { key: 'close', icon: <StopOutlined />, label: t('children.action.close'), onClick: () => setDialog('close') } : null,
    file.can.edit && !active ? { key: 'reopen', icon: <UndoOutlined />, label: t('children.action.reopen'), onClick: () => setDialog('reopen') } : null,
    file.can.transfer && active
      ? { key: 'transfer', icon: <SwapOutlined />, label: t('children.action.transfer'), onClick: () => setDialog('transfer') }
      : null,
  ].filter((b) => b !== null);

  // 打印 is a page of the files module (print stylesheet; the browser prints to PDF).
  const print = (
    <Button icon={<PrinterOutlined />} onClick={() => navigate(`${path}/print`)}>
      {t('children.action.print')}
    </Button>
  );

  return (
    <Card style={{ marginBottom: 16 }}>
      <Flex justify="space-between" align="flex-start" wrap gap={12} style={{ marginBottom: 12 }}>
        <Flex align="center" gap={8} wrap>
          <Typography.Title level={3} style={{ margin: 0, marginInlineEnd: 4 }}>
            {file.name}
          </Typography.Title>
          <Typography.Text type="secondary">
            {t(`children.sex.${file.sex}`)} · {t('children.ageValue', { age: file.age })}
          </Typography.Text>
          <FileStatusTag status={file.status} />
          {file.status === 'closed' ? (
            <Typography.Text type="secondary">
              {t('children.closedWith', { reason: label('closeReason', file.closedReason), date: formatDate(file.closedOn) })}
            </Typography.Text>
          ) : null}
          <RiskTag risk={file.riskLevel} />
          {!file.idNumberMasked ? <Tag color="orange">{t('children.noIdFlag')}</Tag> : null}
        </Flex>
        <Flex gap={8} wrap>
          {mobile ? (
            <>
              {buttons[0] ? (
                <Button type="primary" icon={buttons[0].icon} onClick={buttons[0].onClick}>
                  {buttons[0].label}
                </Button>
              ) : null}
              <Dropdown
                trigger={['click']}
                menu={{
                  items: [
                    ...buttons.slice(1).map((b) => ({ key: b.key, icon: b.icon, label: b.label, onClick: b.onClick })),
                    { key: 'print', icon: <PrinterOutlined />, label: t('children.action.print'), onClick: () => void navigate(`${path}/print`) },
                  ],
                }}
              >
                <Button icon={<EllipsisOutlined />} aria-label={t('common.more')} />
              </Dropdown>
            </>
          ) : (
            <>
              {buttons.map((b) => (
                <Button key={b.key} type={b.primary ? 'primary' : 'default'} icon={b.icon} onClick={b.onClick}>
                  {b.label}
                </Button>
              ))}
              {print}
            </>
          )}
        </Flex>
      </Flex>
      {/* Shortcuts on a phone (ChildQuickActions), above the facts so they are on the first screen. */}
      {actions}
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 3 }}
        items={[
          {
            key: 'id',
            label: t('children.idNumber'),
            children: file.idNumberMasked ? (
              <Flex wrap gap={8} align="center">
                <span className="mono">{file.idNumberMasked}</span>
                {file.can.unmask ? <UnmaskButton childId={file.id} fields={['idNumber']} /> : null}
              </Flex>
            ) : (
              <Typography.Text type="secondary">{t('children.noIdWithNote', { note: file.noIdNote ?? '—' })}</Typography.Text>
            ),
          },
          { key: 'birth', label: t('children.birthDate'), children: formatDate(file.birthDate) },
          { key: 'area', label: t('children.area'), children: `${file.streetName} · ${file.committeeName}` },
          {
            key: 'categories',
            label: t('children.categories'),
            children: currentCategories.length ? (
              <CategoryTags codes={currentCategories} />
            ) : (
              <Typography.Text type="secondary">{t('children.noCategory')}</Typography.Text>
            ),
          },
          {
            key: 'next',
            label: t('children.nextVisit'),
            children: active ? (
              <NextVisit due={file.nextVisitDue} overdueDays={file.overdueDays} />
            ) : (
              <Typography.Text type="secondary">{t('children.noVisitClosed')}</Typography.Text>
            ),
          },
          { key: 'last', label: t('children.lastVisit'), children: formatDate(file.lastVisitOn) },
        ]}
      />
      {dialog === 'close' ? <CloseModal file={file} onClose={() => setDialog(null)} onDone={onChanged} /> : null}
      {dialog === 'reopen' ? <ReopenModal file={file} onClose={() => setDialog(null)} onDone={onChanged} /> : null}
      {dialog === 'transfer' ? <TransferModal file={file} onClose={() => setDialog(null)} onDone={onChanged} /> : null}
    </Card>
  );
}
