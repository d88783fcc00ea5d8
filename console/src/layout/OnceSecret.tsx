import { Alert, Button, CopyButton, Group, Stack, Text, TextInput } from '@mantine/core';
import { useI18n } from '../i18n/i18n';

/** A secret the API returns in one answer only (a token, a client secret, a signing secret): shown once, to copy. */
export function OnceSecret({ label, secret }: { label: string; secret: string }) {
  const { t } = useI18n();
  return (
    <Alert color="yellow" role="status">
      <Stack gap="xs">
        <Text>{t('secret.once')}</Text>
        <Group align="flex-end" gap="xs">
          <TextInput label={label} value={secret} readOnly className="secret" style={{ flex: 1 }} onFocus={(e) => e.currentTarget.select()} />
          <CopyButton value={secret}>
            {({ copied, copy }) => <Button variant="default" onClick={copy}>{copied ? t('secret.copied') : t('secret.copy')}</Button>}
          </CopyButton>
        </Group>
      </Stack>
    </Alert>
  );
}
