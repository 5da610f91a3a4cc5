import type { Metadata } from "next";
import { requireTeamPermission } from "@/lib/auth/session";
import { listApiTokens } from "@/lib/api/data";
import { ApiTokenForm } from "@/components/integrations/api-token-form";
import { ApiTokenList } from "@/components/integrations/api-token-list";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "API tokens" };

export default async function ApiTokensPage() {
  const ctx = await requireTeamPermission("team:manage", "/settings/api-tokens");
  const tokens = await listApiTokens(ctx.scope);
  return (
    <div className="space-y-8">
      <PageHeader
        title="API tokens"
        description={
          <>
            Tokens let tools use the{" "}
            <a className="underline" href="/docs/api">
              REST API
            </a>{" "}
            as this team. A token acts with the access chosen here, never more than the role of the
            owner who created it, and stops working when revoked or when that owner leaves.
          </>
        }
      />
      <ApiTokenList tokens={tokens} />
      <section
        aria-labelledby="new-token-heading"
        className="rounded-lg border border-slate-200 bg-white p-4 sm:p-6"
      >
        <h2 id="new-token-heading" className="mb-4 text-lg font-semibold text-slate-900">
          New token
        </h2>
        <ApiTokenForm />
      </section>
    </div>
  );
}
