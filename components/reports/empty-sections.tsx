"use client";
// Lists empty report sections with a link to each empty field, so the author can go straight
// to it: in the draft editor the link focuses the field's textarea, otherwise (a report in
// review) it scrolls to the section of the report shown beside the panel.
import type { EmptySection } from "@/lib/reports/readiness";
import { cn } from "@/lib/cn";

export function EmptySectionList({
  sections,
  target,
  tone,
  testId,
  children,
}: {
  sections: EmptySection[];
  target: "editor" | "report";
  tone: "required" | "warning";
  testId?: string;
  children: React.ReactNode;
}) {
  return (
    <div
      data-testid={testId}
      className={cn(
        "rounded-md border px-3 py-2 text-sm",
        tone === "required"
          ? "border-red-300 bg-red-50 text-red-950"
          : "border-amber-300 bg-amber-50 text-amber-950",
      )}
    >
      <p>{children}</p>
      <ul className="mt-1 list-disc space-y-0.5 pl-5">
        {sections.map((s) => (
          <li key={s.key}>
            {target === "report" ? (
              <a href={`#section-${s.key}`} className="underline">
                {s.title}
              </a>
            ) : (
              <>
                {s.title}
                {": "}
                {s.emptyFields.map((f, i) => (
                  <span key={f.key}>
                    {i > 0 && ", "}
                    <FieldLink fieldKey={f.key}>{f.label}</FieldLink>
                  </span>
                ))}
              </>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A link to a narrative field's textarea that also moves keyboard focus into it. */
export function FieldLink({ fieldKey, children }: { fieldKey: string; children: React.ReactNode }) {
  const id = `narrative-${fieldKey}`;
  return (
    <a
      href={`#${id}`}
      className="underline"
      onClick={(e) => {
        const field = document.getElementById(id);
        if (!field) return;
        e.preventDefault();
        field.scrollIntoView({ block: "center" });
        field.focus();
      }}
    >
      {children}
    </a>
  );
}
