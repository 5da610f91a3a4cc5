import { sharedDiagramRoute } from "@/lib/reports/diagram-routes";

// The shared version's 5 Whys diagram as an SVG file, for the link's holder (lib/reports/diagram-routes.ts).
export const dynamic = "force-dynamic";
export const GET = sharedDiagramRoute;
