import { useEffect, useState } from 'react';
import { Checkbox, SimpleGrid } from '@mantine/core';
import { membership } from '../../api/client';
import { useOrganizationText } from '../text';
import type { Permission } from './roleTypes';

/** The permission catalogue (built-in keys and those client apps registered), loaded once per screen. */
export function usePermissionCatalogue(): Permission[] {
  const [catalogue, setCatalogue] = useState<Permission[]>([]);
  useEffect(() => {
    void (async () => setCatalogue((await membership.GET('/permissions')).data ?? []))();
  }, []);
  return catalogue;
}

interface PermissionChecklistProps {
  label: string;
  catalogue: Permission[];
  value: string[];
  onChange: (value: string[]) => void;
  error?: string;
}

/** Permission keys to tick from the catalogue, each with what it allows: a role's permissions, a token's scopes. */
export function PermissionChecklist({ label, catalogue, value, onChange, error }: PermissionChecklistProps) {
  const { word } = useOrganizationText();
  return (
    <Checkbox.Group label={label} value={value} onChange={onChange} error={error}>
      <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs" spacing="xs">
        {catalogue.map((p) => (
          <Checkbox key={p.key} value={p.key} label={p.key} description={p.builtIn ? word('permission', p.key) : p.description} />
        ))}
      </SimpleGrid>
    </Checkbox.Group>
  );
}
