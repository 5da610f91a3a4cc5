import { portalDiagramRoute } from "@/lib/reports/diagram-routes";

// A granted version's 5 Whys diagram as an SVG file, for the portal reader (lib/reports/diagram-routes.ts).
export const dynamic = "force-dynamic";
export const GET = portalDiagramRoute;
