import { Link } from 'react-router';
import { Anchor, Stack, Title } from '@mantine/core';
import { useI18n } from '../i18n/i18n';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <Stack maw={480} mx="auto" mt="xl">
      <Title order={1}>{t('notFound.title')}</Title>
      <Anchor component={Link} to="/">{t('notFound.back')}</Anchor>
    </Stack>
  );
}
