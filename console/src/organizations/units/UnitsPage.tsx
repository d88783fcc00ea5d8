import { useEffect, useMemo, useState } from 'react';
import { Button, Card, Stack, Text, Title } from '@mantine/core';
import { membership } from '../../api/client';
import type { components } from '../../api/generated/membership';
import { administers } from '../ranks';
import { useOrganization, type Unit } from '../organizationContext';
import { useOrganizationText } from '../text';
import { displayName } from '../members/displayName';
import { CreateUnitForm } from './CreateUnitForm';
import { UnitControls } from './UnitControls';
import { UnitRoles } from './UnitRoles';

type Member = components['schemas']['MemberResponse'];

/**
 * The units as a tree, each with the managers scoped to it and, on request, the roles granted to it; managers and
 * above create, rename and move units and grant them roles.
 */
export default function UnitsPage() {
  const { organization, units } = useOrganization();
  const { t, word } = useOrganizationText();
  const [managers, setManagers] = useState<Member[]>([]);
  const [showingRoles, setShowingRoles] = useState<Set<string>>(new Set());
  const manages = administers(organization.myRank);

  useEffect(() => {
    void (async () => {
      const { data } = await membership.GET('/organizations/{organizationId}/members', {
        params: { path: { organizationId: organization.id }, query: { rank: 'manager', pageSize: 200 } },
      });
      setManagers(data?.items ?? []);
    })();
  }, [organization.id, units]);

  const children = useMemo(() => {
    const map = new Map<string | null, Unit[]>();
    for (const unit of units) map.set(unit.parentId, [...(map.get(unit.parentId) ?? []), unit]);
    return map;
  }, [units]);
  const subtreeOf = (unit: Unit): Set<string> =>
    new Set([unit.id, ...(children.get(unit.id) ?? []).flatMap((child) => [...subtreeOf(child)])]);

  const toggleRoles = (unitId: string) => setShowingRoles((shown) => {
    const next = new Set(shown);
    if (!next.delete(unitId)) next.add(unitId);
    return next;
  });

  function branch(parentId: string | null, label?: string) {
    const level = children.get(parentId) ?? [];
    if (level.length === 0) return null;
    return (
      <ul aria-label={label} className="unit-tree">
        {level.map((unit) => {
          const scoped = managers.filter((m) => m.scopeUnitId === unit.id).map(displayName);
          return (
            <li key={unit.id}>
              <div><Text span fw={600}>{unit.name}</Text> <Text span c="dimmed">({word('label', unit.label)})</Text></div>
              <Text size="sm">{scoped.length > 0 ? t('units.managers', { names: scoped.join(', ') }) : t('units.noManagers')}</Text>
              {manages && <UnitControls unit={unit} subtree={subtreeOf(unit)} />}
              <Button size="compact-sm" variant="subtle" mt={4} aria-expanded={showingRoles.has(unit.id)} onClick={() => toggleRoles(unit.id)}>
                {t('unitRoles.title', { name: unit.name })}
              </Button>
              {showingRoles.has(unit.id) && <UnitRoles unit={unit} controls={manages && organization.state === 'active'} />}
              {branch(unit.id)}
            </li>
          );
        })}
      </ul>
    );
  }

  return (
    <Stack>
      <Card withBorder component="section" aria-labelledby="units-heading">
        <Title order={2} size="h3" id="units-heading" mb="sm">{t('units.title')}</Title>
        {units.length === 0 ? <Text>{t('units.none')}</Text> : branch(null, t('units.tree'))}
      </Card>
      {manages && (
        <Card withBorder component="section" aria-labelledby="create-unit-heading">
          <Title order={2} size="h3" id="create-unit-heading" mb="sm">{t('units.create')}</Title>
          <CreateUnitForm />
        </Card>
      )}
    </Stack>
  );
}
