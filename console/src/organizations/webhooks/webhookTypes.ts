import type { components } from '../../api/generated/notifications';

export type WebhookEndpoint = components['schemas']['WebhookEndpointResponse'];
export type WebhookDeliveryPage = components['schemas']['WebhookDeliveryPage'];
