import { Tabs } from 'antd';
import { useSearchParams } from 'react-router';
import { useAuth } from '../../../auth/useAuth';
import { PageHeader } from '../../../components/PageHeader';
import { useT } from '../../../i18n/useT';
import { CoverageTable } from './CoverageTable';
import { GapsList } from './GapsList';
import { PeopleList } from './PeopleList';

/** 导师与伙伴 (全员导师制): coverage by street, the children still without one, and the people. */
export default function MentorsPage() {
  const t = useT();
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'coverage';
  const setTab = (key: string) => setParams({ tab: key }, { replace: true });

  return (
    <>
      <PageHeader title={t('casework.mentors.title')} />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'coverage', label: t('casework.mentors.coverage'), children: <CoverageTable onGaps={() => setTab('gaps')} /> },
          { key: 'gaps', label: t('casework.mentors.gaps'), children: <GapsList /> },
          ...(can('mentors.manage') ? [{ key: 'people', label: t('casework.mentors.people'), children: <PeopleList /> }] : []),
        ]}
      />
    </>
  );
}
