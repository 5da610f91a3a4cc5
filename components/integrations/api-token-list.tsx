import { revokeApiTokenAction } from "@/lib/api/actions";
import type { ApiTokenRow } from "@/lib/api/data";
import { LocalTime } from "@/components/incidents/local-time";
import { EmptyState } from "@/components/ui/empty-state";
import { IdActionButton } from "./revoke-button";

export function ApiTokenList({ tokens }: { tokens: ApiTokenRow[] }) {
  if (tokens.length === 0) {
    return (
      <EmptyState title="No API tokens yet">
        Create one below to let a script, a deploy pipeline or a chat bot read or record incidents.
      </EmptyState>
    );
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">API tokens</caption>
        <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2">
              Name
            </th>
            <th scope="col" className="px-3 py-2">
              Access
            </th>
            <th scope="col" className="px-3 py-2">
              Created
            </th>
            <th scope="col" className="px-3 py-2">
              Last used
            </th>
            <th scope="col" className="px-3 py-2">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {tokens.map((t) => (
            <tr key={t.id} className={t.revokedAt ? "text-slate-500" : undefined}>
              <th scope="row" className="px-3 py-2 text-left font-medium">
                {t.name}
                <span className="ml-2 font-mono text-xs text-slate-500">{t.prefix}</span>
              </th>
              <td className="px-3 py-2">{t.scope === "WRITE" ? "Read and write" : "Read only"}</td>
              <td className="px-3 py-2">
                <LocalTime iso={t.createdAt.toISOString()} />
                {t.createdBy && (
                  <span className="block text-xs text-slate-500">
                    by {t.createdBy.name ?? t.createdBy.email}
                  </span>
                )}
              </td>
              <td className="px-3 py-2">
                {t.lastUsedAt ? <LocalTime iso={t.lastUsedAt.toISOString()} /> : "Never"}
              </td>
              <td className="px-3 py-2 text-right">
                {t.revokedAt ? (
                  <span>
                    Revoked <LocalTime iso={t.revokedAt.toISOString()} />
                  </span>
                ) : (
                  <IdActionButton
                    action={revokeApiTokenAction}
                    name="tokenId"
                    value={t.id}
                    label="Revoke"
                    context={`token ${t.name}`}
                    pendingText="Revoking…"
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
