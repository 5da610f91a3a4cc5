"use client";
// The upload form for one attachment: a labelled file input (keyboard and screen reader) and a
// drop zone for mouse users; real upload progress (XMLHttpRequest reports it, fetch does not);
// the server's field errors under the field they concern. Used by the report page's panel
// (where the file goes is chosen) and beside a timeline event or a report section (where it
// goes is fixed).
import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";
import { CAPTION_MAX_LENGTH } from "@/lib/attachments/schema";
import { Button } from "@/components/ui/button";

export interface TargetOption {
  value: string;
  label: string;
}

type Errors = Record<string, string[] | undefined>;

const ACCEPT =
  "image/png,image/jpeg,image/gif,image/webp,application/pdf,text/plain,text/csv,application/json,.log,.txt,.csv,.json";

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

/**
 * `targets`: the choices of a "Shown with" select; `target`: one fixed place (no select).
 * `onMessage` receives what the surrounding status line announces.
 */
export function AttachmentUploadForm({
  incidentId,
  maxBytes,
  targets,
  target,
  onMessage,
}: {
  incidentId: string;
  maxBytes: number;
  targets?: TargetOption[];
  target?: TargetOption;
  onMessage: (message: string | null) => void;
}) {
  const id = useId();
  const router = useRouter();
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [dragging, setDragging] = useState(false);
  const mb = Math.round((maxBytes / 1024 / 1024) * 10) / 10;

  async function upload(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
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
    onMessage(null);
    setProgress(0);
    try {
      const { status, body } = await send(incidentId, form, setProgress);
      if (status === 201) {
        onMessage(`${chosen.name} attached.`);
        setFile(null);
        formElement.reset();
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
          accept={ACCEPT}
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          aria-describedby={`${id}-file-hint ${id}-file-error`}
          aria-invalid={errors.file ? true : undefined}
          className="block max-w-full text-sm"
        />
        <p id={`${id}-file-hint`} className="text-xs text-slate-600">
          {file ? `Chosen: ${file.name}. ` : "Or drop a file here. "}PNG, JPEG, GIF, WebP, PDF or
          text (.txt, .log, .csv, .json), up to {mb} MB.
          {target ? ` Shown with ${target.label} in the report.` : ""}
        </p>
        {fieldError("file")}
      </div>
      {target ? (
        <>
          <input type="hidden" name="where" value={target.value} />
          {fieldError("timelineEventId")}
          {fieldError("sectionKey")}
        </>
      ) : (
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
            {(targets ?? []).map((t) => (
              <option key={t.value} value={t.value}>
                {t.label}
              </option>
            ))}
          </select>
          {fieldError("timelineEventId")}
          {fieldError("sectionKey")}
        </div>
      )}
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
  );
}
