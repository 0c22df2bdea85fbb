import { queryOptions } from '@tanstack/react-query';
import { integrationsApi } from '../../../api/integrations';
import { pagedQuery } from './paged';

// Integrations (admins and owners): API keys, webhook endpoints with their delivery logs, and
// the machine API's OpenAPI document for the reference page.

export const apiKeyKeys = { all: ['api-keys'] as const };
export const webhookKeys = {
  all: ['webhooks'] as const,
  one: (id: string) => ['webhooks', id] as const,
  deliveries: (id: string) => ['webhooks', id, 'deliveries'] as const,
};

export const integrationQueries = {
  apiKeys: () => queryOptions({ queryKey: apiKeyKeys.all, queryFn: ({ signal }) => integrationsApi.apiKeys(signal) }),
  webhooks: () => queryOptions({ queryKey: webhookKeys.all, queryFn: ({ signal }) => integrationsApi.webhooks(signal) }),
  webhook: (id: string) => queryOptions({ queryKey: webhookKeys.one(id), queryFn: ({ signal }) => integrationsApi.webhook(id, signal) }),
  deliveries: (id: string) => pagedQuery(webhookKeys.deliveries(id), (cursor, signal) => integrationsApi.deliveries(id, cursor, signal)),
  openAPI: () => queryOptions({ queryKey: ['openapi', 'v1'], queryFn: ({ signal }) => integrationsApi.openAPIDocument(signal), staleTime: Infinity }),
};
