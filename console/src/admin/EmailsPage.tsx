import { useI18n } from '../i18n/i18n';
import { Section } from '../layout/Section';
import { AdminFrame } from './AdminFrame';
import { DeliveryLog } from './DeliveryLog';
import { TemplatePreview } from './TemplatePreview';

/** What the platform emails: each template previewed with sample data, and the log of every delivery. */
export default function EmailsPage() {
  const { t } = useI18n();
  return (
    <AdminFrame title={t('admin.emails.title')}>
      <Section title={t('admin.templates.title')}><TemplatePreview /></Section>
      <Section title={t('admin.deliveries.title')}><DeliveryLog /></Section>
    </AdminFrame>
  );
}
