import { QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Route, Routes } from 'react-router';
import type { Role } from '../../api/auth';
import { NotFoundPage } from '../portal/NotFoundPage';
import { AppPage } from './apps/AppPage';
import { AppsPage } from './apps/AppsPage';
import { AuditPage } from './audit/AuditPage';
import { BulkListPage } from './bulk/BulkListPage';
import { BulkPage } from './bulk/BulkPage';
import { CommunitiesPage } from './communities/CommunitiesPage';
import { CommunityPage } from './communities/CommunityPage';
import { ContactPage } from './contacts/ContactPage';
import { ContactsPage } from './contacts/ContactsPage';
import { RequireRole } from './DeskAlerts';
import { DeskNav } from './DeskNav';
import { EmailsPage } from './emails/EmailsPage';
import { MailboxMessagePage } from './emails/MailboxMessagePage';
import { MailboxPage } from './emails/MailboxPage';
import { RequestsPage } from './emails/RequestsPage';
import { UnsavedChangesGuard } from './forms/UnsavedChanges';
import { ImportPage } from './import/ImportPage';
import { ImportRunPage } from './import/ImportRunPage';
import { ApiKeysPage } from './integrations/ApiKeysPage';
import { ApiReferencePage } from './integrations/ApiReferencePage';
import { WebhookPage } from './integrations/WebhookPage';
import { WebhooksPage } from './integrations/WebhooksPage';
import { OfferPage } from './offers/OfferPage';
import { OffersPage } from './offers/OffersPage';
import { createDeskQueryClient } from './queries/client';
import { SettingsPage } from './settings/SettingsPage';
import { DeskHome } from './start/DeskHome';
import { GetStartedPage } from './start/GetStartedPage';
import { StaffPage } from './staff/StaffPage';
import { TemplatePage } from './templates/TemplatePage';
import { TemplatesPage } from './templates/TemplatesPage';
import { WorkflowPage } from './workflows/WorkflowPage';
import { WorkflowsPage } from './workflows/WorkflowsPage';
import './admin.css';
import './record.css';
import './editor.css';
import './emails.css';
import './dialogs.css';
import './templates.css';
import './overview.css';
import './workflows.css';
import './jobs.css';
import './integrations/integrations.css';
import './apps.css';

/** A page some roles cannot use: they get a clear page instead of a failed request. */
const only = (min: Role, page: ReactNode) => <RequireRole min={min}>{page}</RequireRole>;

/** The staff desk: its own route tree, loaded lazily (members never download it). */
export default function AdminApp() {
  const [queries] = useState(createDeskQueryClient);
  return (
    <QueryClientProvider client={queries}>
      <UnsavedChangesGuard>
        <div className="admin">
          <DeskNav />
          <div className="admin-content">
            <Routes>
              <Route index element={<DeskHome />} />
              <Route path="start" element={only('owner', <GetStartedPage />)} />
              <Route path="contacts" element={<ContactsPage />} />
              <Route path="contacts/:id" element={<ContactPage />} />
              <Route path="offers" element={<OffersPage />} />
              <Route path="offers/:id" element={<OfferPage />} />
              <Route path="communities" element={<CommunitiesPage />} />
              <Route path="communities/:id" element={<CommunityPage />} />
              <Route path="apps" element={only('admin', <AppsPage />)} />
              <Route path="apps/:id" element={only('admin', <AppPage />)} />
              <Route path="workflows" element={<WorkflowsPage />} />
              <Route path="workflows/new" element={only('admin', <WorkflowPage />)} />
              <Route path="workflows/:id" element={<WorkflowPage />} />
              <Route path="bulk" element={<BulkListPage />} />
              <Route path="bulk/:id" element={<BulkPage />} />
              <Route path="emails" element={<EmailsPage />} />
              <Route path="templates" element={<TemplatesPage />} />
              <Route path="templates/:kind" element={<TemplatePage />} />
              <Route path="requests" element={<RequestsPage />} />
              <Route path="mailbox" element={only('owner', <MailboxPage />)} />
              <Route path="mailbox/:id" element={only('owner', <MailboxMessagePage />)} />
              <Route path="import" element={only('admin', <ImportPage />)} />
              <Route path="import/:id" element={only('admin', <ImportRunPage />)} />
              <Route path="audit" element={only('admin', <AuditPage />)} />
              <Route path="staff" element={only('admin', <StaffPage />)} />
              <Route path="settings" element={only('admin', <SettingsPage />)} />
              <Route path="api-keys" element={only('admin', <ApiKeysPage />)} />
              <Route path="webhooks" element={only('admin', <WebhooksPage />)} />
              <Route path="webhooks/:id" element={only('admin', <WebhookPage />)} />
              <Route path="api-reference" element={only('admin', <ApiReferencePage />)} />
              <Route path="*" element={<NotFoundPage />} />
            </Routes>
          </div>
        </div>
      </UnsavedChangesGuard>
    </QueryClientProvider>
  );
}
