import { z } from "zod";
import { safeReturnPath } from "./return-url";

/** RFC 5321's longest address. */
export const EMAIL_MAX = 254;

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "Enter your email address.")
  .max(EMAIL_MAX, "That email address is too long.")
  .email("Enter a valid email address, like name@example.com.");

export const signInSchema = z.object({
  email: emailSchema,
  // Only same-site paths: never an open redirect (return-url.ts).
  callbackUrl: z
    .string()
    .optional()
    .transform((v) => safeReturnPath(v)),
});
