import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { membership } from '../../api/client';
import { asProblem, describe, fieldError, type Problem } from '../../api/problem';
import { ConfirmButton } from '../../layout/ConfirmButton';
import { ListTable } from '../../layout/ListTable';
import { Section } from '../../layout/Section';
import { useOrganization } from '../organizationContext';
import { useOrganizationText } from '../text';
import type { OrganizationPermission } from './roleTypes';

interface OrganizationPermissionsProps {
  keys: OrganizationPermission[];
  manages: boolean;
  onChange: () => Promise<void>;
}

/**
 * The permission keys the organization defined for itself (Finances, a field-service profile): its roles use them as they
 * use the catalogue's, and its client apps ask the authorization check about them. A key in use by a role stays.
 */
export function OrganizationPermissions({ keys, manages, onChange }: OrganizationPermissionsProps) {
  const { organization } = useOrganization();
  const { t } = useOrganizationText();
  const [key, setKey] = useState('');
  const [description, setDescription] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const path = { organizationId: organization.id };

  async function define(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    const { data, error } = await membership.POST('/organizations/{organizationId}/permissions', { params: { path }, body: { key, description } });
    setProblem(data ? null : asProblem(error));
    if (!data) return;
    setKey('');
    setDescription('');
    setDone(t('orgKeys.defined', { key: data.key }));
    await onChange();
  }

  async function remove(permission: OrganizationPermission) {
    const { response, error } = await membership.DELETE('/organizations/{organizationId}/permissions/{key}', {
      params: { path: { ...path, key: permission.key } },
    });
    setProblem(response.ok ? null : asProblem(error));
    setDone(response.ok ? t('orgKeys.deleted', { key: permission.key }) : null);
    await onChange();
  }

  return (
    <Section title={t('orgKeys.title')}>
      <Stack>
        <Text>{t('orgKeys.hint')}</Text>
        {done && <Alert color="green" role="status">{done}</Alert>}
        {problem && !problem.errors && <Alert color="red" role="alert">{describe(problem)}</Alert>}
        {keys.length === 0 ? <Text>{t('orgKeys.none')}</Text> : (
          <ListTable label={t('orgKeys.title')} rows={keys} rowKey={(k) => k.key}
            columns={[t('orgKeys.key'), t('roles.description'), ...(manages ? [t('roles.actions')] : [])]}
            cells={(k) => [k.key, k.description, ...(manages ? [(
              <ConfirmButton key="delete" label={t('orgKeys.delete', { key: k.key })} confirmLabel={t('orgKeys.deleteConfirm', { key: k.key })}
                onConfirm={() => remove(k)} />
            )] : [])]} />
        )}
        {manages && (
          <form onSubmit={define} noValidate aria-label={t('orgKeys.define')}>
            <Group align="flex-start" grow>
              <TextInput label={t('orgKeys.key')} description={t('orgKeys.keyHint')} required value={key}
                onChange={(e) => setKey(e.currentTarget.value)} error={fieldError(problem, 'key')} />
              <TextInput label={t('roles.description')} required value={description}
                onChange={(e) => setDescription(e.currentTarget.value)} error={fieldError(problem, 'description')} />
            </Group>
            <Button type="submit" mt="sm">{t('orgKeys.defineSubmit')}</Button>
          </form>
        )}
      </Stack>
    </Section>
  );
}
