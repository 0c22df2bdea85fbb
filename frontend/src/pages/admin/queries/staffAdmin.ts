import { queryOptions } from '@tanstack/react-query';
import { staffAdminApi, type AuditFilters } from '../../../api/staffAdmin';
import { templatesApi } from '../../../api/templates';
import { pagedQuery } from './paged';

// Admin and owner pages (staff, settings, audit log) and the email templates.

export const staffKeys = { all: ['staff'] as const };
export const settingsKeys = { all: ['settings'] as const };
export const templateKeys = { all: ['templates'] as const };

export const staffAdminQueries = {
  staff: () => queryOptions({ queryKey: staffKeys.all, queryFn: ({ signal }) => staffAdminApi.staff(signal) }),
  settings: () => queryOptions({ queryKey: settingsKeys.all, queryFn: ({ signal }) => staffAdminApi.settings(signal) }),
  audit: (f: AuditFilters) => pagedQuery(['audit', f], (cursor, signal) => staffAdminApi.audit(f, cursor, signal)),
  templates: () => queryOptions({ queryKey: templateKeys.all, queryFn: ({ signal }) => templatesApi.list(signal) }),
};
