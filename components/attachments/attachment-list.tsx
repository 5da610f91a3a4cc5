"use client";
// The files attached so far, each a link to its bytes, with a Remove button for writers.
// Removal is a server action; published versions that show a file keep it.
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { deleteAttachmentAction } from "@/lib/attachments/actions";
import { Button } from "@/components/ui/button";

export interface PanelAttachment {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  caption: string;
  /** Where the report shows it ("Section: Summary"); omitted where that is obvious. */
  target?: string;
}

export function AttachmentList({
  incidentId,
  attachments,
  canWrite,
  label,
  onMessage,
}: {
  incidentId: string;
  attachments: PanelAttachment[];
  canWrite: boolean;
  label: string;
  onMessage: (message: string) => void;
}) {
  const router = useRouter();
  const [removing, startRemoving] = useTransition();
  return (
    <ul className="space-y-2 text-sm" aria-label={label}>
      {attachments.map((a) => (
        <li key={a.id} className="flex flex-wrap items-center gap-2">
          <a
            href={`/api/attachments/${a.id}`}
            className="font-medium break-all text-blue-800 underline"
          >
            {a.filename}
          </a>
          {(a.target || a.caption) && (
            <span className="text-slate-600">
              {[a.target, a.caption].filter(Boolean).join(" · ")}
            </span>
          )}
          {canWrite && (
            <Button
              type="button"
              variant="secondary"
              disabled={removing}
              onClick={() =>
                startRemoving(async () => {
                  const result = await deleteAttachmentAction({
                    incidentId,
                    attachmentId: a.id,
                  });
                  onMessage(
                    result.ok
                      ? (result.message ?? "Attachment removed.")
                      : (result.message ?? "Could not remove it."),
                  );
                  router.refresh();
                })
              }
            >
              Remove<span className="sr-only"> {a.filename}</span>
            </Button>
          )}
        </li>
      ))}
    </ul>
  );
}
