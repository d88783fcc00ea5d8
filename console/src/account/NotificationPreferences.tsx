import { useEffect, useState } from 'react';
import { Stack, Switch } from '@mantine/core';
import { notifications } from '../api/client';
import type { components } from '../api/generated/notifications';
import { useI18n } from '../i18n/i18n';

type Preferences = components['schemas']['PreferencesResponse'];

/** Which emails I receive: group messages and digests may be turned off; security and transactional emails always come. */
export function NotificationPreferences() {
  const { t } = useI18n();
  const [preferences, setPreferences] = useState<Preferences | null>(null);
  useEffect(() => {
    void (async () => {
      const { data } = await notifications.GET('/preferences');
      if (data) setPreferences(data);
    })();
  }, []);

  async function change(field: 'groupMessages' | 'digests', value: boolean) {
    if (!preferences) return;
    const next = { groupMessages: preferences.groupMessages, digests: preferences.digests, [field]: value };
    const { data } = await notifications.PUT('/preferences', { body: next });
    if (data) setPreferences(data);
  }

  if (!preferences) return null;
  return (
    <Stack>
      <Switch label={t('preferences.groupMessages')} checked={preferences.groupMessages} onChange={(e) => change('groupMessages', e.currentTarget.checked)} />
      <Switch label={t('preferences.digests')} checked={preferences.digests} onChange={(e) => change('digests', e.currentTarget.checked)} />
      <Switch label={t('preferences.security')} checked disabled />
    </Stack>
  );
}
