import type { components } from '../../api/generated/membership';

export type Role = components['schemas']['RoleResponse'];
export type Permission = components['schemas']['PermissionResponse'];
export type Grant = components['schemas']['GrantResponse'];
export type OrganizationPermission = components['schemas']['OrganizationPermissionResponse'];
