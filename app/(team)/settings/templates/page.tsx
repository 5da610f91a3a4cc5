import type { Metadata } from "next";
import { can } from "@/lib/auth/permissions";
import { requireTeam } from "@/lib/auth/session";
import { listTemplates } from "@/lib/reports/data";
import { setUpTemplatesAction } from "@/lib/reports/actions";
import { TemplateEditor } from "@/components/reports/template-editor";
import { EmptyState } from "@/components/ui/empty-state";
import { SubmitButton } from "@/components/ui/submit-button";

export const metadata: Metadata = { title: "Report templates" };

export default async function TemplatesPage() {
  const ctx = await requireTeam("/settings/templates");
  const templates = await listTemplates(ctx.scope);
  const canManage = can(ctx.role, "template:manage");
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Report templates</h1>
        <p className="mt-1 text-sm text-slate-600">
          Choose which sections your After Action Reports have, in which order, and the prompt
          authors see. Drafts follow template changes and never lose text: a hidden section keeps
          its text until it is shown again.
        </p>
      </div>
      {templates.length === 0 ? (
        <EmptyState
          title="Reports follow the built-in Full AAR template"
          action={
            canManage && (
              <form action={setUpTemplatesAction}>
                <SubmitButton>Customize templates</SubmitButton>
              </form>
            )
          }
        >
          {canManage
            ? "Create the built-in templates (Full AAR and Lightweight) to change their sections."
            : "Only owners can change templates."}
        </EmptyState>
      ) : canManage ? (
        templates.map((t) => (
          <div key={t.id} className="rounded-lg border border-slate-200 bg-white p-4">
            <TemplateEditor template={t} />
          </div>
        ))
      ) : (
        <>
          <p className="rounded-md border border-slate-200 bg-white px-3 py-2 text-sm">
            Only owners can change templates.
          </p>
          {templates.map((t) => (
            <section
              key={t.id}
              aria-label={t.name}
              className="rounded-lg border border-slate-200 bg-white p-4"
            >
              <h2 className="font-semibold">
                {t.name} {t.isDefault && <span className="text-xs text-slate-600">(default)</span>}
              </h2>
              <ol className="mt-2 list-decimal pl-5 text-sm">
                {t.sections
                  .filter((s) => s.enabled)
                  .map((s) => (
                    <li key={s.key}>{s.title}</li>
                  ))}
              </ol>
            </section>
          ))}
        </>
      )}
    </div>
  );
}
