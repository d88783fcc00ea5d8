import { useState } from 'react';
import { Button, Group, Stack, Stepper } from '@mantine/core';
import { Section } from '../../layout/Section';
import { useOrganizationText } from '../text';
import { CommitStep } from './CommitStep';
import type { ImportJob } from './importTypes';
import { MappingStep } from './MappingStep';
import { UploadStep } from './UploadStep';
import { VerdictRows } from './VerdictRows';

/** Importing people from a CSV file as a wizard: upload, check the mapping and the verdict per row, commit, follow the progress. */
export default function ImportsPage() {
  const { t } = useOrganizationText();
  const [job, setJob] = useState<ImportJob | null>(null);
  const step = !job ? 0 : job.state === 'previewed' ? 1 : job.state === 'completed' ? 3 : 2;

  return (
    <Stack>
      <Stepper active={step} size="sm" allowNextStepsSelect={false}>
        <Stepper.Step label={t('import.step.upload')} />
        <Stepper.Step label={t('import.step.check')} />
        <Stepper.Step label={t('import.step.commit')} />
      </Stepper>
      {!job && <Section title={t('import.upload')}><UploadStep onUploaded={setJob} /></Section>}
      {job && job.state === 'previewed' && (
        <Section title={t('import.mapping')}>
          <MappingStep key={JSON.stringify(job.mapping)} job={job} onMapped={setJob} />
        </Section>
      )}
      {job && (
        <Section title={t('import.verdicts')}>
          <VerdictRows job={job} />
        </Section>
      )}
      {job && (
        <Section title={t('import.commitTitle')}>
          <CommitStep job={job} onChange={setJob} />
          {job.state !== 'previewed' && job.state !== 'committing' && (
            <Group mt="md"><Button variant="default" onClick={() => setJob(null)}>{t('import.another')}</Button></Group>
          )}
        </Section>
      )}
    </Stack>
  );
}
