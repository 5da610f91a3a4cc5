// The OpenAPI document rendered as a plain, readable page (no third-party viewer, no CDN).
type Json = Record<string, unknown>;

function resolve(doc: Json, schema: Json | undefined): Json | undefined {
  const ref = schema?.$ref as string | undefined;
  if (!ref) return schema;
  const name = ref.split("/").pop()!;
  return ((doc.components as Json).schemas as Record<string, Json>)[name];
}

function typeOf(doc: Json, s: Json | undefined): string {
  if (!s) return "any";
  if (s.$ref) return String(s.$ref).split("/").pop()!;
  if (s.enum) return (s.enum as unknown[]).map((v) => JSON.stringify(v)).join(" | ");
  if (s.anyOf) return (s.anyOf as Json[]).map((x) => typeOf(doc, x)).join(" | ");
  if (s.type === "array") return `${typeOf(doc, s.items as Json)}[]`;
  if (s.format) return `${s.type} (${s.format})`;
  return String(s.type ?? "object");
}

function Fields({
  doc,
  schema,
  caption,
}: {
  doc: Json;
  schema: Json | undefined;
  caption: string;
}) {
  const s = resolve(doc, schema);
  const props = (s?.properties ?? {}) as Record<string, Json>;
  const required = new Set((s?.required as string[] | undefined) ?? []);
  if (!Object.keys(props).length)
    return <p className="text-sm text-slate-600">{typeOf(doc, schema)}</p>;
  return (
    <table className="min-w-full divide-y divide-slate-200 text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead className="text-left text-xs uppercase text-slate-600">
        <tr>
          <th scope="col" className="py-1 pr-4">
            Field
          </th>
          <th scope="col" className="py-1 pr-4">
            Type
          </th>
          <th scope="col" className="py-1">
            Notes
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {Object.entries(props).map(([name, p]) => (
          <tr key={name}>
            <th scope="row" className="py-1 pr-4 text-left font-mono text-xs font-medium">
              {name}
              {required.has(name) && (
                <span className="ml-1 text-red-700" aria-label="required">
                  *
                </span>
              )}
            </th>
            <td className="py-1 pr-4 font-mono text-xs">{typeOf(doc, p)}</td>
            <td className="py-1 text-xs text-slate-700">
              {[
                p.description,
                p.maxLength !== undefined && `at most ${p.maxLength} characters`,
                p.default !== undefined && `default ${JSON.stringify(p.default)}`,
              ]
                .filter(Boolean)
                .join("; ")}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ApiReference({ doc }: { doc: Json }) {
  const info = doc.info as Json;
  const paths = doc.paths as Record<string, Record<string, Json>>;
  const schemas = (doc.components as Json).schemas as Record<string, Json>;
  return (
    <main id="main" className="mx-auto max-w-4xl space-y-8 px-4 py-8">
      <header className="space-y-2">
        <h1 className="text-3xl font-semibold text-slate-900">{String(info.title)}</h1>
        <p className="text-slate-700">{String(info.description)}</p>
        <p className="text-sm">
          Base URL <code className="font-mono">/api/v1</code> · machine-readable:{" "}
          <a className="underline" href="/api/v1/openapi.json">
            openapi.json
          </a>{" "}
          (OpenAPI {String(doc.openapi)})
        </p>
      </header>
      <nav aria-label="Endpoints">
        <ul className="space-y-1 text-sm">
          {Object.entries(paths).flatMap(([path, ops]) =>
            Object.entries(ops).map(([method, op]) => (
              <li key={`${method} ${path}`}>
                <a className="underline" href={`#${op.operationId}`}>
                  <span className="font-mono uppercase">{method}</span>{" "}
                  <span className="font-mono">{path}</span>
                </a>{" "}
                — {String(op.summary)}
              </li>
            )),
          )}
        </ul>
      </nav>
      {Object.entries(paths).flatMap(([path, ops]) =>
        Object.entries(ops).map(([method, op]) => {
          const body = ((op.requestBody as Json | undefined)?.content as Json | undefined)?.[
            "application/json"
          ] as Json | undefined;
          const params = (op.parameters as Json[] | undefined) ?? [];
          const responses = op.responses as Record<string, Json>;
          return (
            <section
              key={`${method} ${path}`}
              id={String(op.operationId)}
              aria-labelledby={`${op.operationId}-h`}
              className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
            >
              <h2 id={`${op.operationId}-h`} className="text-lg font-semibold">
                <span className="mr-2 rounded bg-slate-800 px-2 py-0.5 font-mono text-sm uppercase text-white">
                  {method}
                </span>
                <span className="font-mono">{path}</span>
              </h2>
              <p className="text-sm text-slate-700">
                {String(op.summary)}. {String(op.description)}
              </p>
              {params.length > 0 && (
                <div>
                  <h3 className="text-sm font-semibold">Parameters</h3>
                  <ul className="text-sm">
                    {params.map((p) => (
                      <li key={String(p.name)}>
                        <code className="font-mono">{String(p.name)}</code> ({String(p.in)},{" "}
                        {typeOf(doc, p.schema as Json)}){p.description ? ` — ${p.description}` : ""}
                      </li>
                    ))}
                  </ul>
                </div>
              )}
              {body && (
                <div>
                  <h3 className="text-sm font-semibold">JSON body</h3>
                  <Fields
                    doc={doc}
                    schema={body.schema as Json}
                    caption={`Body of ${method} ${path}`}
                  />
                </div>
              )}
              <div>
                <h3 className="text-sm font-semibold">Responses</h3>
                <ul className="text-sm">
                  {Object.entries(responses).map(([status, r]) => (
                    <li key={status}>
                      <span className="font-mono">{status}</span> {String(r.description)}
                    </li>
                  ))}
                </ul>
              </div>
            </section>
          );
        }),
      )}
      <section aria-labelledby="schemas-h" className="space-y-4">
        <h2 id="schemas-h" className="text-2xl font-semibold">
          Schemas
        </h2>
        {Object.entries(schemas).map(([name, s]) => (
          <div
            key={name}
            id={`schema-${name}`}
            className="space-y-2 rounded-lg border border-slate-200 bg-white p-4"
          >
            <h3 className="font-mono font-semibold">{name}</h3>
            <Fields doc={doc} schema={s} caption={`Fields of ${name}`} />
          </div>
        ))}
      </section>
    </main>
  );
}
