import { useEffect, useState } from 'react';
import { Code, NativeSelect, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '../api/client';
import type { components } from '../api/generated/notifications';
import { useI18n } from '../i18n/i18n';

type Template = components['schemas']['TemplateSummary'];
type Preview = components['schemas']['TemplatePreview'];

/**
 * An email template rendered with sample data, in one of its languages: the subject, the plain text, and the HTML as
 * source. The HTML is not rendered into the console, whose Content-Security-Policy refuses the email's inline styles.
 */
export function TemplatePreview() {
  const { t } = useI18n();
  const [templates, setTemplates] = useState<Template[]>([]);
  const [name, setName] = useState('');
  const [locale, setLocale] = useState('en');
  const [preview, setPreview] = useState<Preview | null>(null);

  useEffect(() => {
    void notifications.GET('/templates').then(({ data }) => {
      setTemplates(data ? [...data] : []);
      if (data?.[0]) setName(data[0].name);
    });
  }, []);

  useEffect(() => {
    if (!name) return;
    void notifications.GET('/templates/{name}/preview', { params: { path: { name }, query: { locale } } })
      .then(({ data }) => setPreview(data ?? null));
  }, [name, locale]);

  const locales = templates.find((x) => x.name === name)?.locales ?? ['en'];
  return (
    <Stack>
      <Group align="flex-end">
        <NativeSelect label={t('admin.templates.template')} value={name} onChange={(e) => setName(e.currentTarget.value)}
          data={templates.map((x) => x.name)} />
        <NativeSelect label={t('admin.templates.locale')} value={locale} onChange={(e) => setLocale(e.currentTarget.value)} data={[...locales]} />
      </Group>
      {preview && (
        <Stack gap="xs" aria-live="polite">
          <Text><strong>{t('admin.templates.subject')}:</strong> <span data-testid="template-subject">{preview.subject}</span></Text>
          <Title order={3} size="h4">{t('admin.templates.text')}</Title>
          <Code block>{preview.text}</Code>
          <details>
            <summary>{t('admin.templates.html')}</summary>
            <Code block>{preview.html}</Code>
          </details>
        </Stack>
      )}
    </Stack>
  );
}
