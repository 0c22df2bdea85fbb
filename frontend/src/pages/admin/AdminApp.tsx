import { Navigate, NavLink, Route, Routes } from 'react-router';
import { useSession } from '../../lib/session';
import { NotFoundPage } from '../portal/NotFoundPage';
import { AuditPage } from './audit/AuditPage';
import { BulkListPage } from './bulk/BulkListPage';
import { BulkPage } from './bulk/BulkPage';
import { CommunitiesPage } from './communities/CommunitiesPage';
import { CommunityPage } from './communities/CommunityPage';
import { ContactPage } from './contacts/ContactPage';
import { ContactsPage } from './contacts/ContactsPage';
import { RequireRole } from './DeskAlerts';
import { EmailsPage } from './emails/EmailsPage';
import { ImportPage } from './import/ImportPage';
import { ImportRunPage } from './import/ImportRunPage';
import { MailboxMessagePage } from './emails/MailboxMessagePage';
import { MailboxPage } from './emails/MailboxPage';
import { RequestsPage } from './emails/RequestsPage';
import { OfferPage } from './offers/OfferPage';
import { OffersPage } from './offers/OffersPage';
import { NAV_ITEMS, roleAtLeast } from './permissions';
import { SettingsPage } from './settings/SettingsPage';
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

/** The staff desk: its own route tree, loaded lazily (members never download it). */
export default function AdminApp() {
  const { session } = useSession();
  const role = session.contact?.role;
  return (
    <div className="admin">
      <nav aria-label="Staff desk" className="admin-nav">
        {NAV_ITEMS.filter((item) => roleAtLeast(role, item.min)).map((item) => (
          <NavLink key={item.to} to={item.to}>
            {item.label}
          </NavLink>
        ))}
      </nav>
      <div className="admin-content">
        <Routes>
          <Route index element={<Navigate to="contacts" replace />} />
          <Route path="contacts" element={<ContactsPage />} />
          <Route path="contacts/:id" element={<ContactPage />} />
          <Route path="offers" element={<OffersPage />} />
          <Route path="offers/:id" element={<OfferPage />} />
          <Route path="communities" element={<CommunitiesPage />} />
          <Route path="communities/:id" element={<CommunityPage />} />
          <Route path="workflows" element={<WorkflowsPage />} />
          <Route
            path="workflows/new"
            element={
              <RequireRole min="admin">
                <WorkflowPage />
              </RequireRole>
            }
          />
          <Route path="workflows/:id" element={<WorkflowPage />} />
          <Route path="bulk" element={<BulkListPage />} />
          <Route path="bulk/:id" element={<BulkPage />} />
          <Route path="emails" element={<EmailsPage />} />
          <Route path="templates" element={<TemplatesPage />} />
          <Route path="templates/:kind" element={<TemplatePage />} />
          <Route path="requests" element={<RequestsPage />} />
          <Route
            path="mailbox"
            element={
              <RequireRole min="owner">
                <MailboxPage />
              </RequireRole>
            }
          />
          <Route
            path="mailbox/:id"
            element={
              <RequireRole min="owner">
                <MailboxMessagePage />
              </RequireRole>
            }
          />
          <Route
            path="import"
            element={
              <RequireRole min="admin">
                <ImportPage />
              </RequireRole>
            }
          />
          <Route
            path="import/:id"
            element={
              <RequireRole min="admin">
                <ImportRunPage />
              </RequireRole>
            }
          />
          <Route
            path="audit"
            element={
              <RequireRole min="admin">
                <AuditPage />
              </RequireRole>
            }
          />
          <Route
            path="staff"
            element={
              <RequireRole min="admin">
                <StaffPage />
              </RequireRole>
            }
          />
          <Route
            path="settings"
            element={
              <RequireRole min="admin">
                <SettingsPage />
              </RequireRole>
            }
          />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </div>
    </div>
  );
}
