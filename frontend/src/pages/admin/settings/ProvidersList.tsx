import type { OAuthProviderSetting } from '../../../api/staffAdmin';

/**
 * The sign-in providers enabled in the server's environment, with the callback URL to give
 * each provider when registering the app. Turning providers on or off is the operator's job
 * (environment variables), so this only shows them.
 */
export function ProvidersList({ providers }: { providers: OAuthProviderSetting[] }) {
  if (providers.length === 0) {
    return (
      <p className="field-hint">
        No provider is enabled: members sign in with email and password. The server’s operator enables Google, GitHub, Microsoft or any
        OpenID Connect provider with <code>GATEHOUSE_OAUTH_…</code> environment variables (see the README).
      </p>
    );
  }
  return (
    <table className="table providers-table">
      <caption className="visually-hidden">Enabled sign-in providers</caption>
      <thead>
        <tr>
          <th scope="col">Provider</th>
          <th scope="col">Callback URL to register</th>
        </tr>
      </thead>
      <tbody>
        {providers.map((p) => (
          <tr key={p.name}>
            <td>{p.label}</td>
            <td>
              <code className="break-all">{p.callback_url}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
