import type { QueryKey } from '@tanstack/react-query';
import { useState } from 'react';
import type { App, AppInput, AppKind } from '../../../api/apps';
import { CheckboxField, FieldError, TextAreaField, TextField } from '../../../components/Field';
import { isHttpUrl } from '../../../lib/safeUrl';
import { DeskForm } from '../forms/DeskForm';
import { FormActions } from '../forms/FormActions';
import { UrlField } from '../forms/UrlField';
import { useDeskForm } from '../forms/useDeskForm';
import { useCatalog } from '../useCatalog';
import { CatalogChecks } from '../CatalogOptions';

const FIELDS = ['name', 'kind', 'public', 'redirect_uris', 'post_logout_redirect_uris', 'hosts', 'launch_url', 'rule'] as const;

type Who = 'offers' | 'any_member' | 'staff_only';

interface Props {
  initial?: App;
  submitLabel: string;
  busyLabel: string;
  submit: (input: AppInput) => Promise<App>;
  invalidates: QueryKey[];
  /** After the save, with the server's answer: the notice to show, if any. */
  onSaved: (saved: App) => string | void;
  onCancel?: () => void;
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** An app: what it is, where it lives, and who may enter (create and edit). */
export function AppForm({ initial, submitLabel, busyLabel, submit, invalidates, onSaved, onCancel }: Props) {
  const catalog = useCatalog();
  const [name, setName] = useState(initial?.name ?? '');
  const [kind, setKind] = useState<AppKind>(initial?.kind ?? 'oidc');
  const [isPublic, setPublic] = useState(initial?.public ?? false);
  const [redirects, setRedirects] = useState((initial?.redirect_uris ?? []).join('\n'));
  const [logouts, setLogouts] = useState((initial?.post_logout_redirect_uris ?? []).join('\n'));
  const [hosts, setHosts] = useState((initial?.hosts ?? []).join('\n'));
  const [launch, setLaunch] = useState(initial?.launch_url ?? '');
  const rule = initial?.rule;
  const [who, setWho] = useState<Who>(rule?.any_member ? 'any_member' : rule?.staff_only ? 'staff_only' : 'offers');
  const [offerIds, setOfferIds] = useState<string[]>(rule?.offer_ids ?? []);
  const [communityIds, setCommunityIds] = useState<string[]>(rule?.community_ids ?? []);
  const editing = !!initial;
  const input: AppInput = {
    name: name.trim(),
    kind,
    public: kind === 'oidc' && isPublic,
    redirect_uris: kind === 'oidc' ? lines(redirects) : [],
    post_logout_redirect_uris: kind === 'oidc' ? lines(logouts) : [],
    hosts: kind === 'proxy' ? lines(hosts) : [],
    launch_url: launch.trim(),
    rule: {
      any_member: who === 'any_member',
      staff_only: who === 'staff_only',
      offer_ids: who === 'offers' ? offerIds : [],
      community_ids: who === 'offers' ? communityIds : [],
    },
  };
  const form = useDeskForm({
    fields: FIELDS,
    dirty: JSON.stringify(input) !== JSON.stringify(initial ? inputOf(initial) : inputOf(undefined)),
    validate: () => ({
      name: input.name ? undefined : 'Give the app a name.',
      redirect_uris: kind === 'oidc' && input.redirect_uris.length === 0 ? 'Add the app’s redirect URI (its callback address).' : undefined,
      hosts: kind === 'proxy' && input.hosts.length === 0 ? 'Add the host name of the protected site.' : undefined,
      launch_url: input.launch_url && !isHttpUrl(input.launch_url) ? 'Use an address starting with https:// or http://.' : undefined,
      rule: who === 'offers' && offerIds.length + communityIds.length === 0 ? 'Choose at least one offer or community.' : undefined,
    }),
    submit: () => submit(input),
    invalidates,
    onSaved,
  });
  const offers = catalog.offers.filter((o) => !o.archived || offerIds.includes(o.id));
  const communities = catalog.communities.filter((c) => !c.archived || communityIds.includes(c.id));

  return (
    <DeskForm form={form}>
        <TextField label="Name" name="name" required autoComplete="off" hint="Members see it on My offers and on the sign-in page." value={name} onValueChange={setName} error={form.fields.name} />
        <fieldset className="fieldset" disabled={editing}>
          <legend>Kind</legend>
          {editing && <p className="field-hint">The kind is chosen when the app is registered.</p>}
          <label className="field-check">
            <input type="radio" name="kind" checked={kind === 'oidc'} onChange={() => setKind('oidc')} /> Sign in with Gatehouse (OpenID Connect): a
            course platform, forum or CMS that signs people in
          </label>
          <label className="field-check">
            <input type="radio" name="kind" checked={kind === 'proxy'} onChange={() => setKind('proxy')} /> Protected site: any site or folder behind
            Caddy, nginx or Traefik (forward-auth)
          </label>
          {form.fields.kind && <FieldError id="kind-error">{form.fields.kind}</FieldError>}
        </fieldset>
        {kind === 'oidc' ? (
          <>
            <TextAreaField
              label="Redirect URIs"
              name="redirect_uris"
              rows={3}
              spellCheck={false}
              hint="One per line, exactly as the app sends them (its OpenID Connect callback), https:// (http:// only for localhost)."
              value={redirects}
              onValueChange={setRedirects}
              error={form.fields.redirect_uris}
            />
            <TextAreaField
              label="Post-logout redirect URIs (optional)"
              name="post_logout_redirect_uris"
              rows={2}
              spellCheck={false}
              hint="Where the app may send people after signing them out."
              value={logouts}
              onValueChange={setLogouts}
              error={form.fields.post_logout_redirect_uris}
            />
            {!editing && (
              <CheckboxField
                label="Public client (runs in the browser or on a device)"
                hint="No client secret; the app must use PKCE. Leave unticked for apps with a server, which keep a secret."
                checked={isPublic}
                onCheckedChange={setPublic}
              />
            )}
          </>
        ) : (
          <TextAreaField
            label="Hosts"
            name="hosts"
            rows={2}
            spellCheck={false}
            hint="The protected sites’ host names, one per line (videos.example.com). Sign-ins return only to these."
            value={hosts}
            onValueChange={setHosts}
            error={form.fields.hosts}
          />
        )}
        <UrlField
          label="Open address (optional)"
          name="launch_url"
          hint="Where “Open” on My offers leads. Empty: the site’s (or the first redirect URI’s) address."
          value={launch}
          onValueChange={setLaunch}
          error={form.fields.launch_url}
        />
        <fieldset className="fieldset" aria-describedby={form.fields.rule ? 'rule-error' : undefined}>
          <legend>Who may enter</legend>
          <label className="field-check">
            <input type="radio" name="who" checked={who === 'offers'} onChange={() => setWho('offers')} /> Holders of any of these offers, or members of
            any of these communities
          </label>
          <label className="field-check">
            <input type="radio" name="who" checked={who === 'any_member'} onChange={() => setWho('any_member')} /> Any member
          </label>
          <label className="field-check">
            <input type="radio" name="who" checked={who === 'staff_only'} onChange={() => setWho('staff_only')} /> Staff only
          </label>
          {who === 'offers' && (
            <div className="rule-choices">
              {catalog.loading && <p className="muted">Loading offers and communities…</p>}
              <p className="field-label">Offers</p>
              <CatalogChecks name="offer_ids" items={offers} chosen={offerIds} onChange={setOfferIds} />
              {communities.length > 0 && <p className="field-label">Communities</p>}
              <CatalogChecks name="community_ids" items={communities} chosen={communityIds} onChange={setCommunityIds} />
            </div>
          )}
          {form.fields.rule && <FieldError id="rule-error">{form.fields.rule}</FieldError>}
        </fieldset>
        <FormActions form={form} submit={submitLabel} busyLabel={busyLabel} onCancel={onCancel} />
    </DeskForm>
  );
}

/** What an app's fields hold before any edit (a new app: empty, OpenID Connect, offers). */
function inputOf(a: App | undefined): AppInput {
  return {
    name: a?.name ?? '',
    kind: a?.kind ?? 'oidc',
    public: a?.public ?? false,
    redirect_uris: a?.kind === 'oidc' ? a.redirect_uris : [],
    post_logout_redirect_uris: a?.kind === 'oidc' ? a.post_logout_redirect_uris : [],
    hosts: a?.kind === 'proxy' ? a.hosts : [],
    launch_url: a?.launch_url ?? '',
    rule: a?.rule ?? { any_member: false, staff_only: false, offer_ids: [], community_ids: [] },
  };
}
