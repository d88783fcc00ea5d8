import type { components } from '../../api/generated/membership';

export type ImportJob = components['schemas']['ImportResponse'];
export type ImportRow = components['schemas']['ImportRowResponse'];
