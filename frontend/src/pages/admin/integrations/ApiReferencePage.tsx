import { useQuery } from '@tanstack/react-query';
import { toApiError } from '../../../api/client';
import type { OpenAPIDocument, OpenAPIOperation, OpenAPIParameter, OpenAPISchema } from '../../../api/integrations';
import { Loading } from '../../../components/Alert';
import { PageHeading } from '../../../components/PageHeading';
import { DeskErrorAlert } from '../DeskAlerts';
import { integrationQueries } from '../queries/integrations';

// The machine API's reference, read from its OpenAPI document (/api/v1/openapi.json): the same
// file the server serves and the tests hold every answer to, so this page cannot drift either.

const METHODS = ['get', 'post', 'patch', 'put', 'delete'];

function refName(ref: string): string {
  return ref.split('/').pop() ?? ref;
}

function resolve(doc: OpenAPIDocument, s: OpenAPISchema | undefined): OpenAPISchema | undefined {
  return s?.$ref ? doc.components.schemas[refName(s.$ref)] : s;
}

function typeOf(s: OpenAPISchema | undefined): string {
  if (!s) return '';
  if (s.$ref) return refName(s.$ref);
  if (s.oneOf) return s.oneOf.map(typeOf).join(' or ');
  const t = Array.isArray(s.type) ? s.type.join(' or ') : (s.type ?? '');
  if (t === 'array') return `array of ${typeOf(s.items)}`;
  return s.format ? `${t} (${s.format})` : t;
}

function Fields({ doc, schema }: { doc: OpenAPIDocument; schema: OpenAPISchema | undefined }) {
  const s = resolve(doc, schema);
  if (!s?.properties) return null;
  return (
    <table className="table table-compact">
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Type</th>
          <th scope="col">Meaning</th>
        </tr>
      </thead>
      <tbody>
        {Object.entries(s.properties).map(([name, p]) => (
          <tr key={name}>
            <td>
              <code>{name}</code>
              {s.required?.includes(name) ? '' : <span className="muted"> (optional)</span>}
            </td>
            <td>{typeOf(p)}</td>
            <td>{p.description ?? (p.enum ? `One of: ${p.enum.join(', ')}` : '')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Operation({ doc, path, method, op }: { doc: OpenAPIDocument; path: string; method: string; op: OpenAPIOperation }) {
  const params = (op.parameters ?? []).map((p) => ('$ref' in p ? doc.components.parameters[refName(p.$ref)] : (p as OpenAPIParameter)));
  const body = op.requestBody?.content['application/json']?.schema;
  return (
    <section className="card section-card api-operation" aria-labelledby={`op-${op.operationId}`}>
      <h2 id={`op-${op.operationId}`}>
        <code>
          {method.toUpperCase()} /api/v1{path}
        </code>{' '}
        {op.summary}
      </h2>
      {(op.description ?? '').split('\n\n').map((para, i) => (
        <p key={i}>{para}</p>
      ))}
      {params.length > 0 && (
        <>
          <h3>Parameters</h3>
          <ul>
            {params.map((p) => (
              <li key={p.in + p.name}>
                <code>{p.name}</code> ({p.in}
                {p.required ? ', required' : ''}) {p.description}
              </li>
            ))}
          </ul>
        </>
      )}
      {body && (
        <>
          <h3>Request body ({typeOf(body)})</h3>
          <Fields doc={doc} schema={body} />
        </>
      )}
      <h3>Answers</h3>
      <ul>
        {Object.entries(op.responses).map(([code, r]) => {
          const shared = r.$ref ? doc.components.responses[refName(r.$ref)] : undefined;
          const schema = r.content?.['application/json']?.schema;
          return (
            <li key={code}>
              <strong>{code === 'default' ? '5xx' : code}</strong> {shared?.description ?? r.description}
              {schema && <span className="muted"> ({typeOf(schema)})</span>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export function ApiReferencePage() {
  const doc = useQuery(integrationQueries.openAPI());
  const d = doc.data;
  return (
    <div className="page page-wide">
      <PageHeading title="API reference" />
      <p>
        The machine API’s contract is its <a href="/api/v1/openapi.json">OpenAPI document</a>: point a client generator or an API tool at it.
      </p>
      {doc.isPending && <Loading label="Loading the reference…" />}
      {doc.error && <DeskErrorAlert error={toApiError(doc.error)} onRetry={() => void doc.refetch()} />}
      {d && (
        <>
          {d.info.description.split('\n\n').map((para, i) => (
            <p key={i}>{para}</p>
          ))}
          {Object.entries(d.paths).flatMap(([path, item]) =>
            METHODS.filter((m) => item[m] && item[m].operationId !== 'openAPIDocument').map((m) => <Operation key={m + path} doc={d} path={path} method={m} op={item[m]} />),
          )}
          <section className="card section-card" aria-labelledby="schemas-title">
            <h2 id="schemas-title">Objects</h2>
            {['Contact', 'Access', 'Holding', 'Membership', 'Grant', 'Email', 'Error'].map((name) => (
              <div key={name}>
                <h3>{name}</h3>
                <Fields doc={d} schema={{ $ref: `#/components/schemas/${name}` }} />
              </div>
            ))}
          </section>
        </>
      )}
    </div>
  );
}
