import { useState } from 'react';
import { App, Button, Flex } from 'antd';
import { EditOutlined, PhoneOutlined, WarningOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useAuth } from '../../auth/useAuth';
import { useT } from '../../i18n/useT';
import { ProblemFormModal } from '../../modules/casework/problems/ChildProblemsTab';
import { ReferButtons } from '../referrals/ChildReferralsTab';
import type { ChildFile } from './types';

/**
 * What a child director comes to the file for, on the first screen of a phone: record a visit,
 * reach the guardian, raise a problem. Each is also reachable from its section; these are shortcuts.
 * `onSection` opens a section of the file (family members for the guardian's phone, problems after
 * one was raised).
 */
export function ChildQuickActions({ file, onSection }: { file: ChildFile; onSection: (key: string) => void }) {
  const t = useT();
  const { can } = useAuth();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [raising, setRaising] = useState(false);
  const active = file.status === 'active';
  const path = `/children/${encodeURIComponent(file.id)}`;
  const guardians = file.members.filter((m) => m.role === 'guardian' || m.role === 'caregiver');

  const callGuardian = () => {
    if (!guardians.some((m) => m.phoneMasked)) void message.info(t('childFile.noGuardianPhone'));
    // The numbers are masked here; the family section reveals one (audited) and dials it.
    onSection('members');
  };

  const big = { size: 'large' as const, style: { flex: 1, height: 48, paddingInline: 4 } };
  return (
    <>
      <Flex gap={8} style={{ margin: '4px 0 12px' }}>
        {active && can('visits.write') ? (
          <Button
            {...big}
            type="primary"
            icon={<EditOutlined />}
            onClick={() => navigate(`/visits/new/${encodeURIComponent(file.id)}`, { state: { from: path } })}
          >
            {t('childFile.recordVisit')}
          </Button>
        ) : null}
        <Button {...big} icon={<PhoneOutlined />} onClick={callGuardian}>
          {t('childFile.callGuardian')}
        </Button>
        {active && can('casework.write') ? (
          <Button {...big} danger icon={<WarningOutlined />} onClick={() => setRaising(true)}>
            {t('childFile.raiseProblem')}
          </Button>
        ) : null}
        {raising ? (
          <ProblemFormModal
            childId={file.id}
            onClose={() => setRaising(false)}
            onSaved={() => {
              setRaising(false);
              onSection('m:problems');
            }}
          />
        ) : null}
      </Flex>
      {active && can('referrals.send') ? (
        <Flex gap={8} style={{ margin: '0 0 12px' }}>
          <ReferButtons childId={file.id} style={{ flex: 1 }} />
        </Flex>
      ) : null}
    </>
  );
}
