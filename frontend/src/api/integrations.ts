import { api, seg, withQuery } from './client';

// Admin and owner only: API keys for the machine API (/api/v1) and outbound webhook endpoints
// with their delivery logs.

export interface ApiKey {
  id: string;
  name: string;
  /** The key's first characters: enough to tell keys apart, never to use one. */
  prefix: string;
  scopes: string[];
  rate_per_minute: number;
  created_by: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** The answer to a new key: the only time the full key is shown. */
export interface NewApiKey extends ApiKey {
  key: string;
}

export interface ApiKeyPage {
  items: ApiKey[];
  next_cursor: string;
  scopes: string[];
}

export interface WebhookEndpoint {
  id: string;
  url: string;
  description: string;
  events: string[];
  enabled: boolean;
  disabled_reason: string;
  disabled_at: string | null;
  failing_since: string | null;
  /** After a rotation, the previous secret still signs until then. */
  previous_secret_until: string | null;
  created_at: string;
}

/** Creation and rotation answer the signing secret, once. */
export interface WebhookWithSecret extends WebhookEndpoint {
  secret: string;
}

export interface WebhookList {
  items: WebhookEndpoint[];
  next_cursor: string;
  event_types: string[];
}

export interface WebhookAttempt {
  attempt: number;
  status_code: number | null;
  latency_ms: number;
  response_excerpt: string;
  error: string;
  attempted_at: string;
}

export interface WebhookDelivery {
  id: string;
  /** The webhook-id header: the same for every attempt and redelivery of one event. */
  event_id: string;
  event_type: string;
  status: 'pending' | 'retrying' | 'delivered' | 'failed' | 'cancelled';
  attempts: number;
  last_status_code: number | null;
  last_latency_ms: number | null;
  last_response: string;
  last_error: string;
  redelivery_of?: string;
  created_at: string;
  finished_at: string | null;
  payload: string;
  log: WebhookAttempt[];
}

export interface WebhookInput {
  url?: string;
  events?: string[];
  description?: string;
  enabled?: boolean;
}

export const integrationsApi = {
  apiKeys: (signal?: AbortSignal) => api.get<ApiKeyPage>('/api/admin/api-keys', { signal, query: { limit: 200 } }),
  createApiKey: (name: string, scopes: string[], ratePerMinute?: number) =>
    api.post<NewApiKey>('/api/admin/api-keys', { name, scopes, ...(ratePerMinute ? { rate_per_minute: ratePerMinute } : {}) }),
  revokeApiKey: (id: string) => api.delete<void>(`/api/admin/api-keys/${seg(id)}`),

  webhooks: (signal?: AbortSignal) => api.get<WebhookList>('/api/admin/webhooks', { signal }),
  webhook: (id: string, signal?: AbortSignal) => api.get<WebhookEndpoint>(`/api/admin/webhooks/${seg(id)}`, { signal }),
  createWebhook: (input: WebhookInput) => api.post<WebhookWithSecret>('/api/admin/webhooks', input),
  updateWebhook: (id: string, input: WebhookInput) => api.patch<WebhookEndpoint>(`/api/admin/webhooks/${seg(id)}`, input),
  deleteWebhook: (id: string) => api.delete<void>(`/api/admin/webhooks/${seg(id)}`),
  rotateSecret: (id: string) => api.post<WebhookWithSecret>(`/api/admin/webhooks/${seg(id)}/rotate-secret`),
  sendTest: (id: string) => api.post<{ delivery_id: string }>(`/api/admin/webhooks/${seg(id)}/test`),
  deliveries: (id: string, cursor?: string, signal?: AbortSignal) =>
    api.get<{ items: WebhookDelivery[]; next_cursor: string }>(withQuery(`/api/admin/webhooks/${seg(id)}/deliveries`, { cursor }), { signal }),
  redeliver: (id: string, deliveryId: string) =>
    api.post<{ delivery_id: string }>(`/api/admin/webhooks/${seg(id)}/deliveries/${seg(deliveryId)}/redeliver`),
  openAPIDocument: (signal?: AbortSignal) => api.get<OpenAPIDocument>('/api/v1/openapi.json', { signal }),
};

/** The parts of the OpenAPI document the reference page shows. */
export interface OpenAPIDocument {
  info: { title: string; version: string; description: string };
  paths: Record<string, Record<string, OpenAPIOperation>>;
  components: { schemas: Record<string, OpenAPISchema>; parameters: Record<string, OpenAPIParameter>; responses: Record<string, { description: string }> };
}

export interface OpenAPIOperation {
  operationId: string;
  summary: string;
  description?: string;
  parameters?: (OpenAPIParameter | { $ref: string })[];
  requestBody?: { required?: boolean; content: Record<string, { schema: OpenAPISchema }> };
  responses: Record<string, { description?: string; $ref?: string; content?: Record<string, { schema: OpenAPISchema }> }>;
  security?: unknown[];
}

export interface OpenAPIParameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: OpenAPISchema;
}

export interface OpenAPISchema {
  $ref?: string;
  type?: string | string[];
  format?: string;
  description?: string;
  enum?: string[];
  properties?: Record<string, OpenAPISchema>;
  required?: string[];
  items?: OpenAPISchema;
  oneOf?: OpenAPISchema[];
  minimum?: number;
  maximum?: number;
  maxLength?: number;
}
