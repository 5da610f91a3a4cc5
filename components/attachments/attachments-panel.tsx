"use client";
// Files for the report: every file of the incident in one list, and an upload that chooses
// where the report shows it (the incident, one timeline event or one report section). The same
// upload sits beside each timeline event and each report section (inline-attachments.tsx).
import { useId, useState } from "react";
import { AttachmentList, type PanelAttachment } from "./attachment-list";
import { AttachmentUploadForm, type TargetOption } from "./upload-form";

export type { PanelAttachment } from "./attachment-list";
export type { TargetOption } from "./upload-form";

export function AttachmentsPanel({
  incidentId,
  attachments,
  targets,
  canWrite,
  maxBytes,
}: {
  incidentId: string;
  attachments: PanelAttachment[];
  targets: TargetOption[];
  canWrite: boolean;
  maxBytes: number;
}) {
  const id = useId();
  const [message, setMessage] = useState<string | null>(null);
  return (
    <section
      aria-labelledby={`${id}-title`}
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-4"
    >
      <h3 id={`${id}-title`} className="font-semibold">
        Attachments
      </h3>
      {attachments.length === 0 ? (
        <p className="text-sm text-slate-600">
          No files yet.{" "}
          {canWrite ? "Attach screenshots, dashboards or logs that support the report." : ""}
        </p>
      ) : (
        <AttachmentList
          incidentId={incidentId}
          attachments={attachments}
          canWrite={canWrite}
          label="Attached files"
          onMessage={setMessage}
        />
      )}
      {canWrite && (
        <AttachmentUploadForm
          incidentId={incidentId}
          maxBytes={maxBytes}
          targets={targets}
          onMessage={setMessage}
        />
      )}
      <p role="status" className="text-sm text-slate-700">
        {message}
      </p>
    </section>
  );
}
