/** 个人培训档案 on its own page (opened from the coverage and evaluation lists): the same tab the person page shows. */
import { useParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n/useT';
import ArchiveTab from './ArchiveTab';

export default function PersonArchivePage() {
  const t = useT();
  const { staffId = '' } = useParams();
  return (
    <>
      <PageHeader title={t('training.nav.archive')} />
      <ArchiveTab staffId={staffId} />
    </>
  );
}
