import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, NativeSelect, TextInput } from '@mantine/core';
import { membership } from '../../api/client';
import { asProblem, describe, fieldError, type Problem } from '../../api/problem';
import { useOrganization } from '../organizationContext';
import { useOrganizationText } from '../text';
import { unitChoice, unitLabels } from './unitLabels';

export function CreateUnitForm() {
  const { organization, units, reloadUnits } = useOrganization();
  const { t, word } = useOrganizationText();
  const [name, setName] = useState('');
  const [label, setLabel] = useState<string>(unitLabels[0]);
  const [parentId, setParentId] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    const { data, error } = await membership.POST('/organizations/{organizationId}/units', {
      params: { path: { organizationId: organization.id } },
      body: { name, label, parentId: parentId || null },
    });
    if (!data) return setProblem(asProblem(error));
    setName('');
    await reloadUnits();
  }

  return (
    <form onSubmit={submit} noValidate>
      {problem && !problem.errors && <Alert color="red" role="alert" mb="sm">{describe(problem)}</Alert>}
      <Group align="flex-start">
        <TextInput label={t('units.name')} required value={name} onChange={(e) => setName(e.currentTarget.value)} error={fieldError(problem, 'name')} />
        <NativeSelect label={t('units.label')} value={label} onChange={(e) => setLabel(e.currentTarget.value)}
          data={unitLabels.map((l) => ({ value: l, label: word('label', l) }))} />
        <NativeSelect label={t('units.parent')} value={parentId} onChange={(e) => setParentId(e.currentTarget.value)} error={fieldError(problem, 'parentId')}
          data={[{ value: '', label: t('units.top') }, ...units.map(unitChoice)]} />
        <Button type="submit" mt={24}>{t('units.submit')}</Button>
      </Group>
    </form>
  );
}
