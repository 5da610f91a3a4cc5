"use client";
// Files of one timeline event or one report section, where the user looks at it: the files
// already there and, for writers, "Attach a file" (a disclosure, so a long timeline stays
// short) with the upload form fixed to this place.
import { useState } from "react";
import { AttachmentList, type PanelAttachment } from "./attachment-list";
import { AttachmentUploadForm, type TargetOption } from "./upload-form";

export function InlineAttachments({
  incidentId,
  target,
  name,
  attachments,
  canWrite,
  maxBytes,
}: {
  incidentId: string;
  /** Where the files go, e.g. { value: "event:<id>", label: "this event" }. */
  target: TargetOption;
  /** What the files belong to, for screen readers ("the event 5xx rate alert fired"). */
  name: string;
  attachments: PanelAttachment[];
  canWrite: boolean;
  maxBytes: number;
}) {
  const [message, setMessage] = useState<string | null>(null);
  // The form is made only once opened: a timeline of hundreds of events stays light.
  const [open, setOpen] = useState(false);
  if (!canWrite && attachments.length === 0) return null;
  return (
    // Names by aria-label, not hidden text: the event's words appear once in the page's text.
    <div className="space-y-2" role="group" aria-label={`Files of ${name}`}>
      {attachments.length > 0 && (
        <AttachmentList
          incidentId={incidentId}
          attachments={attachments}
          canWrite={canWrite}
          label={`Files of ${name}`}
          onMessage={setMessage}
        />
      )}
      {canWrite && (
        <details
          className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2"
          onToggle={(e) => setOpen(e.currentTarget.open)}
        >
          <summary
            className="cursor-pointer text-sm font-medium text-slate-800"
            aria-label={`Attach a file to ${name}`}
          >
            Attach a file
          </summary>
          {open && (
            <div className="mt-2">
              <AttachmentUploadForm
                incidentId={incidentId}
                maxBytes={maxBytes}
                target={target}
                onMessage={setMessage}
              />
            </div>
          )}
        </details>
      )}
      <p role="status" className="text-sm text-slate-700">
        {message}
      </p>
    </div>
  );
}
