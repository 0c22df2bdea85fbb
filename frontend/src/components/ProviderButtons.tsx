import { useEffect, useState, type ReactNode } from 'react';
import { authApi, providerHref, type Provider } from '../api/auth';

/**
 * "Continue with …" for each sign-in provider the business enabled. Plain links: the server
 * answers /auth/{provider} with a redirect to the provider. Nothing shows while the list loads
 * or if it cannot be loaded: the password form works on its own. children are other ways in
 * (an emailed sign-in code), listed first under the same "or".
 */
export function ProviderButtons({ next, children }: { next: string | null; children?: ReactNode }) {
  const [providers, setProviders] = useState<Provider[]>([]);
  useEffect(() => {
    const ctl = new AbortController();
    authApi.providers(ctl.signal).then(
      (res) => setProviders(res.providers ?? []),
      () => undefined,
    );
    return () => ctl.abort();
  }, []);
  if (providers.length === 0 && !children) return null;
  return (
    <div className="providers">
      <p className="providers-divider">
        <span>or</span>
      </p>
      <ul className="provider-list">
        {children && <li>{children}</li>}
        {providers.map((p) => (
          <li key={p.name}>
            <a className="btn btn-secondary btn-block provider-btn" href={providerHref(p.name, { next })}>
              <ProviderMark kind={p.kind} />
              Continue with {p.label}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A small neutral mark per kind of provider (not the providers' logos, which we may not ship). */
export function ProviderMark({ kind }: { kind: Provider['kind'] | string }) {
  const letter = { google: 'G', github: 'GH', microsoft: 'M' }[kind] ?? '⇥';
  return (
    <span className={`provider-mark provider-mark-${kind}`} aria-hidden="true">
      {letter}
    </span>
  );
}
