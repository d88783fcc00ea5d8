import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, NativeSelect, TextInput } from '@mantine/core';
import { membership } from '../../api/client';
import { asProblem, describe } from '../../api/problem';
import { useOrganization, type Unit } from '../organizationContext';
import { useOrganizationText } from '../text';
import { unitChoice } from './unitLabels';

/** Rename or move one unit; a move offers every place outside the unit's own subtree. */
export function UnitControls({ unit, subtree }: { unit: Unit; subtree: Set<string> }) {
  const { organization, units, reloadUnits } = useOrganization();
  const { t } = useOrganizationText();
  const [mode, setMode] = useState<'idle' | 'rename' | 'move'>('idle');
  const [name, setName] = useState(unit.name);
  const [parentId, setParentId] = useState(unit.parentId ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const path = { organizationId: organization.id, unitId: unit.id };

  async function submit(event: FormEvent) {
    event.preventDefault();
    const { response, error } = mode === 'rename'
      ? await membership.PUT('/organizations/{organizationId}/units/{unitId}', { params: { path }, body: { name, label: unit.label, customFields: unit.customFields } })
      : await membership.POST('/organizations/{organizationId}/units/{unitId}/move', { params: { path }, body: { parentId: parentId || null } });
    if (!response.ok) return setProblem(describe(asProblem(error)));
    setProblem(null);
    setMode('idle');
    await reloadUnits();
  }

  if (mode === 'idle') {
    return (
      <Group gap="xs">
        <Button size="compact-sm" variant="default" onClick={() => setMode('rename')}>{t('units.rename', { name: unit.name })}</Button>
        <Button size="compact-sm" variant="default" onClick={() => setMode('move')}>{t('units.move', { name: unit.name })}</Button>
      </Group>
    );
  }
  const places = units.filter((u) => !subtree.has(u.id));
  return (
    <form onSubmit={submit} noValidate>
      {problem && <Alert color="red" role="alert" mb="xs">{problem}</Alert>}
      <Group align="flex-end" gap="xs">
        {mode === 'rename'
          ? <TextInput label={t('units.rename', { name: unit.name })} value={name} onChange={(e) => setName(e.currentTarget.value)} />
          : <NativeSelect label={t('units.newParent', { name: unit.name })} value={parentId} onChange={(e) => setParentId(e.currentTarget.value)}
              data={[{ value: '', label: t('units.top') }, ...places.map(unitChoice)]} />}
        <Button type="submit" size="sm">{mode === 'rename' ? t('units.renameSubmit') : t('units.moveSubmit')}</Button>
        <Button size="sm" variant="subtle" onClick={() => setMode('idle')}>{t('units.cancel')}</Button>
      </Group>
    </form>
  );
}
