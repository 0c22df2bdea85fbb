import { Navigate, NavLink, Route, Routes } from 'react-router';
import { NotFoundPage } from '../portal/NotFoundPage';
import { ContactPage } from './ContactPage';
import { ContactsPage } from './ContactsPage';
import { EmailsPage } from './EmailsPage';
import { MailboxMessagePage } from './MailboxMessagePage';
import { MailboxPage } from './MailboxPage';
import { OffersPage } from './OffersPage';
import { RequestsPage } from './RequestsPage';
import './admin.css';

/** The staff desk: its own route tree, loaded lazily (members never download it). */
export default function AdminApp() {
  return (
    <div className="admin">
      <nav aria-label="Staff desk" className="admin-nav">
        <NavLink to="/admin/contacts">Contacts</NavLink>
        <NavLink to="/admin/offers">Offers</NavLink>
        <NavLink to="/admin/emails">Emails</NavLink>
        <NavLink to="/admin/mailbox">Mailbox</NavLink>
        <NavLink to="/admin/requests">Requests</NavLink>
      </nav>
      <div className="admin-content">
        <Routes>
          <Route index element={<Navigate to="contacts" replace />} />
          <Route path="contacts" element={<ContactsPage />} />
          <Route path="contacts/:id" element={<ContactPage />} />
          <Route path="offers" element={<OffersPage />} />
          <Route path="emails" element={<EmailsPage />} />
          <Route path="mailbox" element={<MailboxPage />} />
          <Route path="mailbox/:id" element={<MailboxMessagePage />} />
          <Route path="requests" element={<RequestsPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </div>
    </div>
  );
}
