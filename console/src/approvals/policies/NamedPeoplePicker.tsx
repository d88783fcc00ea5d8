import { useEffect, useState } from 'react';
import { MultiSelect } from '@mantine/core';
import { membership } from '../../api/client';
import { displayName } from '../../organizations/members/displayName';

type Option = { value: string; label: string };

/** The members a named-people step asks, found by the members search as the person types. */
export function NamedPeoplePicker({ organizationId, label, value, onChange }: {
  organizationId: string; label: string; value: string[]; onChange: (ids: string[]) => void;
}) {
  const [search, setSearch] = useState('');
  const [options, setOptions] = useState<Option[]>([]);

  useEffect(() => {
    let current = true;
    void (async () => {
      const { data } = await membership.GET('/organizations/{organizationId}/members', {
        params: { path: { organizationId }, query: { search: search || undefined, state: 'active', pageSize: 20 } },
      });
      if (!current || !data) return;
      const found = data.items.map((member) => ({ value: member.userId, label: displayName(member) }));
      // Keep the chosen ones selectable (and named) whatever the search shows.
      setOptions((earlier) => [...earlier.filter((o) => value.includes(o.value) && !found.some((f) => f.value === o.value)), ...found]);
    })();
    return () => { current = false; };
  }, [organizationId, search, value]);

  return (
    <MultiSelect label={label} searchable data={options} value={value} onChange={onChange}
      searchValue={search} onSearchChange={setSearch} filter={({ options: all }) => all} />
  );
}
