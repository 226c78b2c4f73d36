import { useState } from 'react';
import { Button, List, Typography } from 'antd';
import { PhoneOutlined } from '@ant-design/icons';
import { useT } from '../../i18n/useT';
import { useCodeLabel } from './labels';
import { childrenApi } from './api';
import { RevealModal } from './RevealModal';
import type { FamilyContacts } from './types';

/** A phone number as a tap-to-call link (a landline's hyphen is dropped from the dialled number). */
export function CallLink({ phone }: { phone: string }) {
  return (
    <a className="mono" href={`tel:${phone.replace(/[^\d+]/g, '')}`} style={{ fontSize: 16 }}>
      <PhoneOutlined /> {phone}
    </a>
  );
}

/**
 * 联系家庭: the visiting caseworker (child director, street supervisor) reveals the family's phones
 * and address with a stated reason, which the server writes to the audit log. The values live only
 * in this component's state and are gone when the dialog closes.
 */
export function FamilyContactButton({ childId, block }: { childId: string; block?: boolean }) {
  const t = useT();
  const label = useCodeLabel();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<PhoneOutlined />} block={block} onClick={() => setOpen(true)} data-testid="family-contact">
        {t('children.contact.button')}
      </Button>
      <RevealModal<{ reason: string }, FamilyContacts>
        open={open}
        onClose={() => setOpen(false)}
        title={t('children.contact.title')}
        notice={t('children.contact.notice')}
        submitLabel={t('children.contact.submit')}
        placeholder={t('children.contact.reasonPlaceholder')}
        rows={2}
        request={(v) => childrenApi.contact(childId, v.reason)}
        renderResult={(result) => (
          <>
            <List
              size="small"
              dataSource={[
                ...result.members.map((m) => ({ key: m.id, title: `${m.name}（${m.relation} · ${label('role', m.role)}）`, phone: m.phone })),
                { key: 'child', title: t('children.contact.childPhone'), phone: result.phone },
              ]}
              renderItem={(r) => (
                <List.Item key={r.key}>
                  <List.Item.Meta title={r.title} description={r.phone ? <CallLink phone={r.phone} /> : t('children.contact.noPhone')} />
                </List.Item>
              )}
            />
            <Typography.Paragraph style={{ marginTop: 8 }}>
              <Typography.Text type="secondary">{t('children.contact.address')}：</Typography.Text>
              {result.residenceAddress ?? t('children.contact.noAddress')}
            </Typography.Paragraph>
          </>
        )}
      />
    </>
  );
}
