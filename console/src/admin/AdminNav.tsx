import { Link } from 'react-router';
import { Anchor } from '@mantine/core';
import { useI18n } from '../i18n/i18n';
import { usePlatformAdmin } from './usePlatformAdmin';

/** The header's entry to platform administration, for platform administrators only. */
export function AdminNav() {
  const { t } = useI18n();
  return usePlatformAdmin() ? <Anchor component={Link} to="/admin/users">{t('nav.admin')}</Anchor> : null;
}
