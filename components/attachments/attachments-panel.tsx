"use client";
// Files for the report: upload a screenshot, a Grafana panel, a PDF or a log to the incident,
// one timeline event or one report section. A labelled file input (keyboard and screen reader)
// and a drop zone for mouse users; real upload progress (XMLHttpRequest reports it, fetch does
// not); the server's field errors under the field they concern. Removal is a server action.
import { useRouter } from "next/navigation";
import { useId, useRef, useState, useTransition } from "react";
import { deleteAttachmentAction } from "@/lib/attachments/actions";
import { CAPTION_MAX_LENGTH } from "@/lib/attachments/schema";
import { Button } from "@/components/ui/button";

export interface PanelAttachment {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  caption: string;
  target: string;
}

export interface TargetOption {
  value: string;
  label: string;
}

type Errors = Record<string, string[] | undefined>;

function send(incidentId: string, form: FormData, onProgress: (fraction: number) => void) {
  return new Promise<{ status: number; body: { error?: string; fieldErrors?: Errors } }>(
    (resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open("POST", `/api/incidents/${encodeURIComponent(incidentId)}/attachments`);
      xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
      xhr.onload = () => {
        let body = {};
        try {
          body = JSON.parse(xhr.responseText);
        } catch {
          /* a proxy's HTML error page: the status says enough */
        }
        resolve({ status: xhr.status, body });
      };
      xhr.onerror = () => reject(new Error("network"));
      xhr.send(form);
    },
  );
}

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
  const router = useRouter();
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const [removing, startRemoving] = useTransition();
  const mb = Math.round((maxBytes / 1024 / 1024) * 10) / 10;

  async function upload(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const chosen = file ?? fileInput.current?.files?.[0] ?? null;
    if (!chosen) return setErrors({ file: ["Choose a file to attach."] });
    if (chosen.size > maxBytes)
      return setErrors({
        file: [
          `Files can be at most ${mb} MB; this one is ${(chosen.size / 1024 / 1024).toFixed(1)} MB.`,
        ],
      });
    form.set("file", chosen);
    const [kind, value] = String(form.get("where") ?? "incident").split(":");
    form.delete("where");
    form.set("target", kind);
    if (kind === "event") form.set("timelineEventId", value);
    if (kind === "section") form.set("sectionKey", value);
    setErrors({});
    setMessage(null);
    setProgress(0);
    try {
      const { status, body } = await send(incidentId, form, setProgress);
      if (status === 201) {
        setMessage(`${chosen.name} attached.`);
        setFile(null);
        (event.target as HTMLFormElement).reset();
        router.refresh();
      } else {
        setErrors(body.fieldErrors ?? { file: [body.error ?? `The upload failed (${status}).`] });
      }
    } catch {
      setErrors({
        file: ["The upload did not reach the server. Check the connection and try again."],
      });
    } finally {
      setProgress(null);
    }
  }

  const fieldError = (name: string) => (
    <div id={`${id}-${name}-error`} aria-live="polite">
      {errors[name]?.map((e) => (
        <p key={e} className="text-sm text-red-700">
          {e}
        </p>
      ))}
    </div>
  );

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
        <ul className="space-y-2 text-sm" aria-label="Attached files">
          {attachments.map((a) => (
            <li key={a.id} className="flex flex-wrap items-center gap-2">
              <a href={`/api/attachments/${a.id}`} className="font-medium text-blue-800 underline">
                {a.filename}
              </a>
              <span className="text-slate-600">
                {a.target}
                {a.caption ? ` · ${a.caption}` : ""}
              </span>
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
                      setMessage(
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
      )}
      {canWrite && (
        <form onSubmit={upload} className="space-y-3" noValidate>
          <div
            onDragOver={(e) => {
              e.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={(e) => {
              e.preventDefault();
              setDragging(false);
              const dropped = e.dataTransfer.files[0];
              if (dropped) setFile(dropped);
            }}
            className={`space-y-1 rounded-md border-2 border-dashed p-3 ${dragging ? "border-blue-600 bg-blue-50" : "border-slate-300"}`}
          >
            <label htmlFor={`${id}-file`} className="block text-sm font-medium text-slate-800">
              File
            </label>
            <input
              ref={fileInput}
              id={`${id}-file`}
              name="file"
              type="file"
              accept="image/png,image/jpeg,image/gif,image/webp,application/pdf,text/plain,text/csv,application/json,.log,.txt,.csv,.json"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              aria-describedby={`${id}-file-hint ${id}-file-error`}
              aria-invalid={errors.file ? true : undefined}
              className="block text-sm"
            />
            <p id={`${id}-file-hint`} className="text-xs text-slate-600">
              {file ? `Chosen: ${file.name}. ` : "Or drop a file here. "}PNG, JPEG, GIF, WebP, PDF
              or text (.txt, .log, .csv, .json), up to {mb} MB.
            </p>
            {fieldError("file")}
          </div>
          <div className="space-y-1">
            <label htmlFor={`${id}-where`} className="block text-sm font-medium text-slate-800">
              Shown with
            </label>
            <select
              id={`${id}-where`}
              name="where"
              className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
              aria-describedby={`${id}-timelineEventId-error ${id}-sectionKey-error`}
            >
              {targets.map((t) => (
                <option key={t.value} value={t.value}>
                  {t.label}
                </option>
              ))}
            </select>
            {fieldError("timelineEventId")}
            {fieldError("sectionKey")}
          </div>
          <div className="space-y-1">
            <label htmlFor={`${id}-caption`} className="block text-sm font-medium text-slate-800">
              Caption (optional)
            </label>
            <input
              id={`${id}-caption`}
              name="caption"
              maxLength={CAPTION_MAX_LENGTH}
              aria-describedby={`${id}-caption-error`}
              className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
            />
            {fieldError("caption")}
          </div>
          <div className="flex flex-wrap items-center gap-3">
            <Button type="submit" disabled={progress !== null}>
              {progress !== null ? "Uploading…" : "Attach file"}
            </Button>
            {progress !== null && (
              <progress max={1} value={progress} aria-label="Upload progress" className="w-40" />
            )}
          </div>
        </form>
      )}
      <p role="status" className="text-sm text-slate-700">
        {message}
      </p>
    </section>
  );
}
