import { createContext, useContext } from 'react';
import type { components } from '../api/generated/membership';

export type Organization = components['schemas']['OrganizationResponse'];
export type Unit = components['schemas']['UnitResponse'];

export interface OrganizationScreen {
  organization: Organization;
  units: Unit[];
  reloadUnits: () => Promise<void>;
}

export const OrganizationContext = createContext<OrganizationScreen | null>(null);

/** The organization the screen is about, its units, and the caller's rank in it (organization.myRank). */
export function useOrganization(): OrganizationScreen {
  const context = useContext(OrganizationContext);
  if (!context) throw new Error('useOrganization outside OrganizationLayout');
  return context;
}
