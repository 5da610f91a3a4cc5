import { z } from "zod";

/** Longest text the preview renders: the longest Markdown field (a report section). */
export const PREVIEW_MAX = 20_000;

export const markdownPreviewSchema = z.object({
  markdown: z
    .string()
    .max(PREVIEW_MAX, `The preview shows at most ${PREVIEW_MAX.toLocaleString("en")} characters.`),
});
