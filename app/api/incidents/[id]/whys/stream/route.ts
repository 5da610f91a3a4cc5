import { z } from "zod";
import { NotFoundError } from "@/lib/errors";
import { findIncidentRef } from "@/lib/incidents/access";
import { defineRoute } from "@/lib/server/route";
import { subscribeWhys } from "@/lib/realtime/whys-hub";
import { onShutdown } from "@/lib/server/shutdown";
import { getWhysVersion } from "@/lib/whys/data";

export const dynamic = "force-dynamic";

const HEARTBEAT_MS = 15_000;

/**
 * Server-Sent Events: one `version` event whenever the incident's 5 Whys tree changes (from any
 * app instance, via LISTEN/NOTIFY). Only version numbers travel here; the tree itself is
 * refetched through the authorized JSON route.
 */
export const GET = defineRoute({
  access: { permission: "incident:read" },
  params: z.object({ id: z.string().min(1).max(64) }),
  handler: async (request, { params, scope }) => {
    const incident = await findIncidentRef(scope, params.id);
    if (!incident) throw new NotFoundError("Incident");
    const id = incident.id;
    const encoder = new TextEncoder();
    let cleanup = () => {};
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        let closed = false;
        const send = (text: string) => {
          if (closed) return;
          try {
            controller.enqueue(encoder.encode(text));
          } catch {
            cleanup();
          }
        };
        const unsubscribe = await subscribeWhys(id, (event) => send(`event: version\ndata: ${JSON.stringify(event)}\n\n`));
        const heartbeat = setInterval(() => send(`: ping ${Date.now()}\n\n`), HEARTBEAT_MS);
        // On SIGTERM the stream ends so the server can close; EventSource reconnects elsewhere.
        const offShutdown = onShutdown(() => cleanup());
        cleanup = () => {
          if (closed) return;
          closed = true;
          clearInterval(heartbeat);
          offShutdown();
          unsubscribe();
          try {
            controller.close();
          } catch {
            // already closed by the client
          }
        };
        request.signal.addEventListener("abort", cleanup);
        // Sent after subscribing, so a change between the two is never missed.
        const version = await getWhysVersion(scope, id);
        send(`retry: 2000\nevent: version\ndata: ${JSON.stringify({ incidentId: id, version })}\n\n`);
      },
      cancel() {
        cleanup();
      },
    });
    return new Response(stream, {
      headers: {
        "Content-Type": "text/event-stream; charset=utf-8",
        "Cache-Control": "no-cache, no-transform",
        Connection: "keep-alive",
        "X-Accel-Buffering": "no",
      },
    });
  },
});
